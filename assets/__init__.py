"""Stylesheets (.tcss) for the dialoog app; a package so they install with it."""
