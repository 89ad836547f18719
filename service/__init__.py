"""Entry points: the `yichuang` CLI, the FastAPI app and its pages, the Celery worker.

Contract: every entry point is thin (parse, call a library function, format) and converts
``YichuangError`` once: the CLI to exit status 2 with one line on stderr, never a traceback.
"""
