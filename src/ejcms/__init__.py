"""ejcms: case management for the enforcement of court decisions in the Lao PDR."""

__version__ = "0.1.0"
