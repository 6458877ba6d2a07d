"""A fleet agent: one process per site, talking to the devices of the site and to the central API."""
