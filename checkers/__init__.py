"""Checkers: pure functions over extracted documents and rulesets → the check result.

Contract: nothing here imports an OCR engine or touches storage; inputs and outputs are plain
data, so the same check runs in the CLI, the web service and on a worker.
"""
