"""The coder's version, in a module of its own so that modules the package root loads (the
coder) can read it without importing the root back."""

__version__ = "0.1.0"
