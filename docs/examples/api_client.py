#!/usr/bin/env python3
"""An example client of the ejcms API (v1), standard library only.

It registers a court decision as a case, follows it to closure through the API alone, and
prints each state and the case's events as the event feed shows them:

    registered  → received
    call_parties → voluntary   (the parties are called in: Art. 18)
    terminate   → terminated  (ground "parties_agreed": the parties settled, Art. 48.4)
    close       → closed      (the closure order: Art. 49-50)

It registers through POST /api/v1/cases/, as an office's own system would. (A court's system
uses POST /api/v1/intake/decisions/ instead, with a client that may do nothing else; the office
that receives the case then follows it with its own client, as here. docs/api.md.)

This path needs no enforcement measure and no payment. (A money obligation can be closed as
"fully_enforced" only once the money is paid in AND paid out to the creditor; API v1 records
payments but not payouts, so that path is not taken here.)

The token's client must be of the role "head" (head of office): terminating and closing are
the head's steps (docs/workflow.md); a clerk's or an officer's token is refused them with 403.
It needs the actions cases.read, cases.write and events.read. An administrator makes it:

    ejcms api_client create --name "ລະບົບ ສານປະຊາຊົນ" --office 0101 --role head \
        --actions cases.read,cases.write,events.read

Usage:

    python api_client.py --url https://ejcms.example.la --token ejcms_… --court 5
    EJCMS_API_URL=… EJCMS_API_TOKEN=… python api_client.py --court 5

The court id is the `id` of a court in GET /api/v1/courts/ (action reference.read).
Exit status: 0 when the case reached "closed" and the feed showed it; 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class ApiError(Exception):
    """An answer other than 2xx, with the API's error shape {code, message, fields}."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.body = body
        fields = "; ".join(f"{k}: {' '.join(v)}" for k, v in body.get("fields", {}).items())
        super().__init__(
            f"HTTP {status} {body.get('code', '')}: {body.get('message', '')}"
            + (f" ({fields})" if fields else "")
        )


class Api:
    def __init__(self, url: str, token: str, language: str = "en") -> None:
        self.base = url.rstrip("/") + "/api/v1/"
        self.headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "Accept-Language": language,
        }

    def call(
        self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None
    ) -> Any:
        url = self.base + path.lstrip("/")
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None
        headers = dict(self.headers)
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        for _attempt in range(5):
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                raw = error.read().decode("utf-8", "replace")
                try:
                    shaped = json.loads(raw)
                except ValueError:
                    shaped = {"code": "error", "message": raw[:200], "fields": {}}
                if error.code == 429:  # rate limited: wait as told, then try again
                    time.sleep(float(error.headers.get("Retry-After") or 1))
                    continue
                raise ApiError(error.code, shaped) from None
        raise ApiError(429, {"code": "throttled", "message": "still rate limited", "fields": {}})

    def get(self, path: str, **query: Any) -> Any:
        return self.call("GET", path, query=query or None)

    def post(self, path: str, body: Any) -> Any:
        return self.call("POST", path, body=body)


def register(api: Api, court: int, number: str, today: str) -> dict[str, Any]:
    """A final civil decision: a creditor, a debtor, one sum to pay."""
    return api.post(  # type: ignore[no-any-return]
        "cases/",
        {
            "decision": {
                "court": court,
                "number": number,
                "decided_on": today,
                "final_on": today,
                "kind": "civil",
                "operative_part": "ໃຫ້ ທ່ານ ບຸນທັນ ສີສຸວັນ ຊຳລະເງິນ 8.000.000 ກີບ ໃຫ້ ນາງ ຄຳແພງ ວົງພະຈັນ.",
            },
            "parties": [
                {
                    "role": "creditor",
                    "kind": "person",
                    "name_lo": "ນາງ ຄຳແພງ ວົງພະຈັນ",
                    "name_latin": "Khamphaeng Vongphachanh",
                },
                {
                    "role": "debtor",
                    "kind": "person",
                    "name_lo": "ທ່ານ ບຸນທັນ ສີສຸວັນ",
                    "name_latin": "Bounthanh Sisouvanh",
                },
            ],
            "obligations": [{"kind": "pay_money", "amount": "8000000", "currency": "LAK"}],
            "received_on": today,
        },
    )


# The steps from "received" to "closed", with what each needs (docs/workflow.md).
STEPS: list[tuple[str, dict[str, str]]] = [
    ("call_parties", {"note": "ເອີ້ນຄູ່ກໍລະນີ ມາແຈ້ງຄຳຕັດສິນ"}),
    (
        "terminate",
        {"ground": "parties_agreed", "note": "ຄູ່ກໍລະນີ ຕົກລົງກັນໄດ້ ແລະ ບໍ່ຂໍໃຫ້ບັງຄັບ"},
    ),
    ("close", {"note": "ອອກຄຳສັ່ງປິດສຳນວນ"}),
]


def follow_feed(
    api: Api, case_id: str, since: int, court: int, wait: float
) -> list[dict[str, Any]]:
    """The case's events from the feed (after `since`), until its closure shows, or `wait`
    seconds pass (the feed serves an event a moment after it was recorded)."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + wait
    while True:
        page = api.get("events/", since=since, court=court, limit=200)
        for event in page["results"]:
            if event["case"] == case_id:
                seen.append(event)
                print(
                    f"  event {event['id']}: {event['kind']} {event['transition']}"
                    f" {event['from_state']}→{event['to_state']} on {event['on']}"
                )
        caught_up = page["next"] == since  # else: call again at once
        since = page["next"]
        if any(e["to_state"] == "closed" for e in seen):
            return seen
        if caught_up:
            if time.monotonic() > deadline:
                return seen
            time.sleep(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("EJCMS_API_URL", ""))
    parser.add_argument("--token", default=os.environ.get("EJCMS_API_TOKEN", ""))
    parser.add_argument("--court", type=int, required=True, help="court id (GET /api/v1/courts/)")
    parser.add_argument(
        "--number",
        default=f"{int(time.time()) % 1_000_000}/ສປ",
        help="the decision's number (unique per court)",
    )
    parser.add_argument("--wait", type=float, default=30, help="seconds to wait for the feed")
    parser.add_argument("--language", default="en", choices=["en", "lo"])
    args = parser.parse_args(argv)
    if not args.url or not args.token:
        parser.error("give --url and --token (or EJCMS_API_URL and EJCMS_API_TOKEN)")
    api = Api(args.url, args.token, args.language)
    today = datetime.date.today().isoformat()
    try:
        case = register(api, args.court, args.number, today)
        case_id = case["id"]
        print(f"registered case {case['register']} ({case_id}): state {case['state']}")
        # Where the feed is to be read from: just before the case's first event.
        first = min(event["id"] for event in api.get(f"cases/{case_id}/timeline/"))
        for name, fields in STEPS:
            case = api.post(f"cases/{case_id}/transitions/{name}/", {"on": today, **fields})
            print(f"{name}: state {case['state']} ({case['state_label']})")
        print("events from the feed:")
        events = follow_feed(api, case_id, first - 1, args.court, args.wait)
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    closed = case["state"] == "closed" and any(e["to_state"] == "closed" for e in events)
    print("closed" if closed else "not closed")
    return 0 if closed else 1


if __name__ == "__main__":
    sys.exit(main())
