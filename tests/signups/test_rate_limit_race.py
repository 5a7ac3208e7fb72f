"""The sign-up limit under simultaneous requests, counted in a real Redis as in
production: incr() there is atomic across threads, processes and servers."""

from concurrent.futures import ThreadPoolExecutor

from django.test import RequestFactory

from opportunities.ratelimit import RateLimit


def test_simultaneous_requests_from_one_address_cannot_slip_past_the_limit(redis_cache_on):
    limit = RateLimit("race-test", "5/h")
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: limit.acquire(request), range(40)))
    assert results.count(True) == 5


def test_a_released_use_can_be_taken_again(redis_cache_on):
    limit = RateLimit("release-test", "1/h")
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.8")
    assert limit.acquire(request)
    limit.release(request)
    assert limit.acquire(request)
    assert not limit.acquire(request)
