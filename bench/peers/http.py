"""What the peers' set-up needs of HTTP: JSON and form requests, and a browser's redirects read, not followed."""
import json
import time
import urllib.error
import urllib.parse
import urllib.request


class _Read(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a 3xx comes back as an HTTPError, to be read


_opener = urllib.request.build_opener(_Read)


def call(url, method="GET", json_body=None, form=None, headers=None, cookies=None):
    """(status, headers, body text) of one request; never raises for an HTTP status."""
    data, headers = None, dict(headers or {})
    if json_body is not None:
        data, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookies:
        headers["Cookie"] = "; ".join("%s=%s" % pair for pair in cookies.items())
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def ok(answer, *statuses):
    """The JSON body of an answer whose status is one of statuses (200 by default)."""
    status, _, body = answer
    assert status in (statuses or (200,)), "HTTP %s: %s" % (status, body[:300])
    return json.loads(body) if body else {}


def cookies_set(headers):
    """name -> value of every Set-Cookie that sets a value."""
    found = {}
    for line in headers.get_all("Set-Cookie") or []:
        name, _, rest = line.partition("=")
        value = rest.split(";")[0]
        if value:
            found[name.strip()] = value
    return found


def first_200(url, started, limit=300):
    """Seconds from started (time.monotonic()) until url answers 200."""
    while time.monotonic() - started < limit:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError("%s did not answer 200 within %d s" % (url, limit))
