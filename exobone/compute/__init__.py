"""Computation: frames in, frames out (data only through ``exobone.data.load``; no rendering)."""
