"""sevenf: the DfE framework 'Seven features of practice and seven outcomes', queryable.

Importing the package, or any module of it, changes nothing in the process: the Ctrl-C
handling of the command line is set by its entry point, `seven_features.__main__`.
"""

__version__ = "0.1.0"
