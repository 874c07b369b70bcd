"""sevenf: the DfE framework 'Seven features of practice and seven outcomes', queryable."""

__version__ = "0.1.0"
