"""Every write to assets, measures, valuations and sales. Views, the API and commands call these."""
