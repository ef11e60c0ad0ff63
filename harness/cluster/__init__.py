"""Batches on a Ray cluster (docs/ray.md): one driver process speaks the serve protocol to the
engine and runs each cell on a Ray actor that wraps a warm `python -m harness serve` worker.

    python -m harness ray-driver --address 10.0.0.5:6379     # or: local, auto
"""
