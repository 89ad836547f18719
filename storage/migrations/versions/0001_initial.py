"""initial schema: objects, OCR cache, cases, files, pages, check results, audit trail

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table("objects",
                    sa.Column("sha256", sa.String(64), primary_key=True),
                    sa.Column("media_type", sa.String(64), nullable=False),
                    sa.Column("size", sa.Integer, nullable=False),
                    sa.Column("pages", sa.Integer, nullable=False),
                    sa.Column("original_name", sa.String(512), nullable=False),
                    sa.Column("created_at", TS, nullable=False))
    op.create_table("ocr_cache",
                    sa.Column("page_id", sa.String(80), primary_key=True),
                    sa.Column("engine_key", sa.String(120), primary_key=True),
                    sa.Column("result_json", sa.Text, nullable=False),
                    sa.Column("created_at", TS, nullable=False))
    op.create_table("cases",
                    sa.Column("id", sa.String(32), primary_key=True),
                    sa.Column("matters_json", sa.Text, nullable=False),
                    sa.Column("as_of", sa.String(10), nullable=True),
                    sa.Column("facts_json", sa.Text, nullable=False),
                    sa.Column("token_hash", sa.String(64), nullable=False),
                    sa.Column("state", sa.String(16), nullable=False),
                    sa.Column("verdict", sa.String(32), nullable=True),
                    sa.Column("created_by", sa.String(64), nullable=False),
                    sa.Column("created_at", TS, nullable=False),
                    sa.Column("updated_at", TS, nullable=False))
    op.create_table("case_files",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("seq", sa.Integer, nullable=False),
                    sa.Column("sha256", sa.String(64), nullable=False),
                    sa.Column("name", sa.String(512), nullable=False),
                    sa.Column("media_type", sa.String(64), nullable=False),
                    sa.Column("pages", sa.Integer, nullable=False),
                    sa.Column("uploaded_by", sa.String(64), nullable=False),
                    sa.Column("uploaded_at", TS, nullable=False),
                    sa.UniqueConstraint("case_id", "sha256"))
    op.create_table("case_pages",
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), primary_key=True),
                    sa.Column("sha256", sa.String(64), primary_key=True),
                    sa.Column("page", sa.Integer, primary_key=True),
                    sa.Column("state", sa.String(16), nullable=False),
                    sa.Column("document_json", sa.Text, nullable=True),
                    sa.Column("error", sa.Text, nullable=True),
                    sa.Column("updated_at", TS, nullable=False))
    op.create_table("check_results",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("verdict", sa.String(32), nullable=False),
                    sa.Column("result_json", sa.Text, nullable=False),
                    sa.Column("created_at", TS, nullable=False))
    op.create_table("audit",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("case_id", sa.String(32), nullable=True, index=True),
                    sa.Column("at", TS, nullable=False),
                    sa.Column("actor", sa.String(64), nullable=False),
                    sa.Column("action", sa.String(64), nullable=False),
                    sa.Column("detail_json", sa.Text, nullable=False))


def downgrade() -> None:
    for table in ("audit", "check_results", "case_pages", "case_files", "cases", "ocr_cache", "objects"):
        op.drop_table(table)
