"""case workflow: state, short case number, last return comment, applicant index for search

Revision ID: 0004
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("case_workflow",
                    sa.Column("case_id", sa.String(32), primary_key=True),
                    sa.Column("number", sa.String(16), nullable=False, unique=True),
                    sa.Column("day", sa.String(8), nullable=False, index=True),
                    sa.Column("seq", sa.Integer, nullable=False),
                    sa.Column("state", sa.String(16), nullable=False, index=True),
                    sa.Column("channel", sa.String(16), nullable=False),
                    sa.Column("comment", sa.Text, nullable=False),
                    sa.Column("comment_by", sa.String(64), nullable=False),
                    sa.Column("applicant_name", sa.String(128), nullable=False, index=True),
                    sa.Column("id_number", sa.String(32), nullable=False, index=True),
                    sa.Column("phone", sa.String(32), nullable=False, index=True),
                    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False))


def downgrade() -> None:
    op.drop_table("case_workflow")
