"""staff accounts and sessions, reviewer decisions, clerk overrides

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table("users",
                    sa.Column("name", sa.String(64), primary_key=True),
                    sa.Column("role", sa.String(16), nullable=False),
                    sa.Column("password_hash", sa.String(256), nullable=False),
                    sa.Column("created_at", TS, nullable=False))
    op.create_table("web_sessions",
                    sa.Column("id", sa.String(64), primary_key=True),
                    sa.Column("user", sa.String(64), sa.ForeignKey("users.name"), nullable=False),
                    sa.Column("csrf", sa.String(64), nullable=False),
                    sa.Column("expires_at", TS, nullable=False))
    op.create_table("reviews",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("reviewer", sa.String(64), nullable=False),
                    sa.Column("decision", sa.String(16), nullable=False),
                    sa.Column("comment", sa.Text, nullable=False),
                    sa.Column("at", TS, nullable=False))
    op.create_table("overrides",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("sha256", sa.String(64), nullable=False),
                    sa.Column("page", sa.Integer, nullable=False),
                    sa.Column("field", sa.String(64), nullable=True),  # null: the page's material
                    sa.Column("value", sa.Text, nullable=False),
                    sa.Column("actor", sa.String(64), nullable=False),
                    sa.Column("at", TS, nullable=False))


def downgrade() -> None:
    for table in ("overrides", "reviews", "web_sessions", "users"):
        op.drop_table(table)
