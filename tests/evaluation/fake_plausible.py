"""A tiny fake of the Stats API v2 for sync tests: answers any query with deterministic rows in the documented shape."""

import json
from datetime import date, timedelta

VALUES = {
    "event:page": ["/fr/", "/nl/", "/fr/campagnes/ete/", "/nl/campagnes/zomer/"],
    "visit:utm_source": ["instagram", "tiktok"],
    "visit:utm_medium": ["social", "qr"],
    "visit:utm_campaign": ["ete-2026"],
    "visit:utm_content": ["hotspot-gare-du-midi", "influencer-a"],
    "event:goal": ["Directory search", "Service contact"],
}


def metric_value(name, day: date, key: str, bump: int = 0):
    base = day.day + len(key) + bump
    return {
        "visitors": base,
        "visits": base + 2,
        "pageviews": base * 2,
        "bounce_rate": 40.0 + (base % 10),
        "visit_duration": 60.0 + base,
        "events": base * 3,
    }[name]


def dimension_values(dim: str) -> list[str]:
    return VALUES.get(dim, ["21004", "21013"] if dim.startswith("event:props:") else ["x"])


class FakePlausible:
    def __init__(self):
        self.calls = []
        self.bump = 0
        self.fail_when = None  # callable(body) -> (status, body) or None

    def __call__(self, request):
        body = json.loads(request.body)
        self.calls.append(body)
        if self.fail_when and (failure := self.fail_when(body)):
            status, payload = failure
            return status, {}, json.dumps(payload)
        rows = self._rows(body)
        total = len(rows)
        page = body.get("pagination")
        if page:
            rows = rows[page["offset"] : page["offset"] + page["limit"]]
        meta = {"total_rows": total} if body.get("include", {}).get("total_rows") else {}
        return 200, {}, json.dumps({"results": rows, "meta": meta, "query": body})

    def _rows(self, body) -> list[dict]:
        start, end = (date.fromisoformat(d) for d in body["date_range"])
        dims = body.get("dimensions", [])
        metrics = body["metrics"]
        if not dims:
            key = json.dumps(body.get("filters", []))
            return [
                {"dimensions": [], "metrics": [metric_value(m, end, key[:7], self.bump) for m in metrics]}
            ]
        if dims[0] == "time:day":
            days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
            return [row for day in days for row in self._day_rows(day, dims[1:], metrics)]
        return [
            {"dimensions": [value], "metrics": [metric_value(m, end, value, self.bump) for m in metrics]}
            for value in VALUES.get(dims[0], ["x"])
        ]

    def _day_rows(self, day: date, rest: list[str], metrics: list[str]) -> list[dict]:
        """One row per combination of the values of the other dimensions, on `day`."""
        combos = [[]]
        for dim in rest:
            combos = [c + [v] for c in combos for v in dimension_values(dim)]
        rows = []
        for combo in combos:
            key = "/".join(combo)
            rows.append(
                {
                    "dimensions": [day.isoformat(), *combo],
                    "metrics": [metric_value(m, day, key, self.bump) for m in metrics],
                }
            )
        return rows
