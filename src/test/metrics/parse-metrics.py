#!/usr/bin/python3
"""Parses a Prometheus scrape from stdin with the Prometheus project's own Python parser and
prints every sample as JSON: [{"family": ..., "type": ..., "name": ..., "labels": {...},
"value": ...}, ...]. Argument: "prometheus" (text format 0.0.4) or "openmetrics" (OpenMetrics 1.0).
A scrape the parser rejects ends with exit code 2 and the parser's message on stderr.
Used by MetricsIT; Debian package python3-prometheus-client."""
import json
import math
import sys

if sys.argv[1] == "openmetrics":
    from prometheus_client.openmetrics.parser import text_string_to_metric_families
else:
    from prometheus_client.parser import text_string_to_metric_families

text = sys.stdin.read()
samples = []
try:
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            value = s.value
            if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
                value = str(value)
            samples.append({"family": family.name, "type": family.type, "name": s.name,
                            "labels": dict(s.labels), "value": value})
except Exception as e:  # any parser complaint is a failed scrape
    print("unparseable scrape: %r" % (e,), file=sys.stderr)
    sys.exit(2)
json.dump(samples, sys.stdout)
