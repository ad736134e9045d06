"""Crosswalk data files between frameworks (YAML), loaded and validated by ``spbe.scoring.crosswalk``."""
