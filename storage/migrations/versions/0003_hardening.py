"""hardening: case generations and token expiry/revocation, soft-removed files, account lockout,
disabled users, hashed session ids with an idle clock

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("cases", sa.Column("generation", sa.Integer, nullable=False, server_default="0"))
    op.add_column("cases", sa.Column("checked_generation", sa.Integer, nullable=True))
    op.add_column("cases", sa.Column("token_expires_at", TS, nullable=True))
    op.add_column("cases", sa.Column("token_revoked_at", TS, nullable=True))
    op.add_column("case_files", sa.Column("removed_at", TS, nullable=True))
    op.add_column("case_files", sa.Column("removed_by", sa.String(64), nullable=True))
    op.add_column("check_results", sa.Column("generation", sa.Integer, nullable=True))
    op.add_column("users", sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("users", sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"))
    op.add_column("users", sa.Column("locked_until", TS, nullable=True))
    # session ids were stored in plain text: drop them all (everyone signs in again), store hashes from now on
    op.execute("DELETE FROM web_sessions")
    op.add_column("web_sessions", sa.Column("last_seen", TS, nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM web_sessions")
    with op.batch_alter_table("web_sessions") as b:
        b.drop_column("last_seen")
    with op.batch_alter_table("users") as b:
        b.drop_column("locked_until")
        b.drop_column("failed_logins")
        b.drop_column("disabled")
    with op.batch_alter_table("check_results") as b:
        b.drop_column("generation")
    with op.batch_alter_table("case_files") as b:
        b.drop_column("removed_by")
        b.drop_column("removed_at")
    with op.batch_alter_table("cases") as b:
        b.drop_column("token_revoked_at")
        b.drop_column("token_expires_at")
        b.drop_column("checked_generation")
        b.drop_column("generation")
