"""容缺 follow-up and 材料复用: promises with deadlines, supplements, the material archive

Revision ID: 0005
Revises: 0002 (the lead re-chains onto the head at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table("material_archive",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("holder", sa.String(32), nullable=False, index=True),
                    sa.Column("material", sa.String(64), nullable=False),
                    sa.Column("valid_until", sa.String(10), nullable=True),
                    sa.Column("fields_json", sa.Text, nullable=False),
                    sa.Column("documents_json", sa.Text, nullable=False),
                    sa.Column("source_case", sa.String(32), nullable=False, index=True),
                    sa.Column("item", sa.String(128), nullable=False),
                    sa.Column("verified_on", sa.String(10), nullable=False),
                    sa.Column("verified_by", sa.String(64), nullable=False),
                    sa.Column("revoked_at", TS, nullable=True),
                    sa.Column("revoked_by", sa.String(64), nullable=True),
                    sa.Column("revoke_reason", sa.Text, nullable=True),
                    sa.Column("created_at", TS, nullable=False),
                    sa.UniqueConstraint("holder", "material", "source_case"))
    op.create_table("tolerance_promises",
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), primary_key=True),
                    sa.Column("item_key", sa.String(200), primary_key=True),
                    sa.Column("name", sa.String(200), nullable=False),
                    sa.Column("material", sa.String(64), nullable=False),
                    sa.Column("promised_on", sa.String(10), nullable=False),
                    sa.Column("deadline", sa.String(10), nullable=False, index=True),
                    sa.Column("unverified", sa.Boolean, nullable=False),
                    sa.Column("fulfilled_on", sa.String(10), nullable=True),
                    sa.Column("late", sa.Boolean, nullable=False),
                    sa.Column("created_at", TS, nullable=False))
    op.create_table("supplements",
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), primary_key=True),
                    sa.Column("sha256", sa.String(64), primary_key=True),
                    sa.Column("received_on", sa.String(10), nullable=False),
                    sa.Column("actor", sa.String(64), nullable=False),
                    sa.Column("at", TS, nullable=False))


def downgrade() -> None:
    op.drop_table("supplements")
    op.drop_table("tolerance_promises")
    op.drop_table("material_archive")
