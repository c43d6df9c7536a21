"""Shared code for the executable evidence book on non-bone-derived exosomes and bone.

Data flows one way: review text -> tidy CSVs (data/) -> validated loaders (load) ->
table rebuilds and analyses -> notebooks -> book.
"""
