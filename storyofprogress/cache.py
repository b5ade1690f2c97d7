"""Django's Redis cache, made safe to lose: a Redis that cannot be reached is a cache miss.

The cache only makes the site faster (pages, computed searches, Wagtail's site root paths, rate
limit counts), so losing Redis must cost speed, not the site. Django's own `RedisCache` lets
`ConnectionError` through to every caller, and Wagtail's `Site.get_site_root_paths` is one of
them: a Redis outage answered 500 on every page (issue 14). This backend answers instead as an
empty cache would: `get` the default, `add` False, `incr` ValueError (Django's "no such key"),
writes nothing.

Two things keep an outage cheap and safe:

- **Unavailable for a moment.** After a failure this process leaves Redis alone for
  `UNAVAILABLE_FOR` seconds (default 5), so a request makes no connection attempt per cache call
  and a Redis host that has gone silent costs one socket timeout per window, not one per call.
  The first call after the window tries again, so Redis is used again once it is back, without
  a restart.
- **Emptied on return.** A write that failed may have been an invalidation: a page purge, a
  search generation moving on. Entries written before the outage could then be read as current
  once Redis is back. So a process that failed to write flushes the cache database the first
  time it reaches Redis again (a restarted Redis is usually empty anyway).

Errors other than unreachability (a wrong value type, Redis refusing a write when out of memory)
are logged and answered the same way but do not start the window. Anything that is not a Redis
or socket error (a value that cannot be pickled) still raises: that is a bug, not an outage.
"""

import logging
import time
from functools import wraps

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

#: Errors that mean Redis cannot be reached now: leave it alone for a moment.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
#: Socket timeouts unless OPTIONS say otherwise: a Redis on another host that stops answering
#: (no refusal, just silence) would otherwise hold a request for the kernel's connect timeout.
DEFAULT_SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


def _default(key, default=None, version=None):
    return default


def _nothing_found(*args, **kwargs) -> dict:
    return {}


def _none(*args, **kwargs) -> None:
    return None


def _false(*args, **kwargs) -> bool:
    return False


def _all_failed(data, *args, **kwargs) -> list:
    return list(data)


def _no_such_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found: the cache is unavailable.")


def _guarded(name: str, fallback, *, write: bool):
    """Django's `name` method, answering `fallback(*args)` while Redis cannot be reached."""
    django_method = getattr(DjangoRedisCache, name)

    @wraps(django_method)
    def method(self, *args, **kwargs):
        return self._attempt(
            name,
            lambda: django_method(self, *args, **kwargs),
            lambda: fallback(*args, **kwargs),
            write=write,
        )

    return method


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool instead of making one
    for every cache call: making one costs more than a round trip to a local Redis (its
    response-callback table is built anew each time), and a page makes a dozen cache calls. A
    `redis.Redis` over a pool is safe to share between threads, and redis-py gives a forked
    process new connections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache`, answering as an empty cache while Redis
    cannot be reached. `UNAVAILABLE_FOR` (seconds, beside `LOCATION`) sets the pause."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._options = {**DEFAULT_SOCKET_TIMEOUTS, **self._options}
        self.unavailable_for = float(params.get("UNAVAILABLE_FOR", 5))
        self._unavailable_until = 0.0
        self._lost_writes = False

    @property
    def available(self) -> bool:
        """False while this process leaves Redis alone after a failure."""
        return time.monotonic() >= self._unavailable_until

    def _attempt(self, operation: str, call, fallback, *, write: bool):
        if not self.available:
            self._lost_writes = self._lost_writes or write
            return fallback()
        try:
            if self._lost_writes:
                self._forget_after_outage()
            result = call()
        except UNREACHABLE as error:
            self._unavailable_until = time.monotonic() + self.unavailable_for
            self._lost_writes = self._lost_writes or write
            logger.warning(
                "Cache unavailable (%s: %s); serving without it for %g s",
                operation,
                error,
                self.unavailable_for,
            )
            return fallback()
        except RedisError as error:
            self._lost_writes = self._lost_writes or write
            logger.warning("Cache %s failed: %s", operation, error)
            return fallback()
        return result

    def disconnect(self) -> None:
        """Close this process's connections to Redis now (Django's `close()`, called after every
        request, keeps them): for a process about to fork workers that must not share them
        (`sitewide.workers`). The next call connects again."""
        for pool in self._cache._pools.values():
            pool.disconnect()

    def _forget_after_outage(self) -> None:
        """Flush what may have outlived an invalidation this process could not write, before
        anything is read: the first call that reaches Redis again flushes it."""
        self._cache.clear()
        self._lost_writes = False
        logger.warning("Cache available again: emptied, since writes were lost meanwhile")

    get = _guarded("get", _default, write=False)
    get_many = _guarded("get_many", _nothing_found, write=False)
    has_key = _guarded("has_key", _false, write=False)
    add = _guarded("add", _false, write=True)
    set = _guarded("set", _none, write=True)
    set_many = _guarded("set_many", _all_failed, write=True)
    touch = _guarded("touch", _false, write=True)
    incr = _guarded("incr", _no_such_key, write=True)
    delete = _guarded("delete", _false, write=True)
    delete_many = _guarded("delete_many", _none, write=True)
    clear = _guarded("clear", _false, write=True)
