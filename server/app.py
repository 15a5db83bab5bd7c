"""Wire the application together: settings in, a Starlette app out."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from server.auth import Signer, load_or_create_key
from server.cluster.node import Cluster
from server.parts import board_rooms
from server.service import BoardService, ServiceError
from server.settings import Settings
from server.store import Store
from server.sync.rooms import Rooms
from server.web import actions as actions_api
from server.web import api, catalogs, exports, pages
from server.web import facilitation as facilitation_api
from server.web import history as history_api
from server.web import library as library_api
from server.web import pilot as pilot_api
from server.web import programmes as programmes_api
from server.web.errors import http_error, server_error, service_error
from server.web.middleware import (
    AccessLogMiddleware,
    BodyLimitMiddleware,
    CrossSiteMiddleware,
    SecurityHeadersMiddleware,
)
from server.web.ws import BoardSockets

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"


def app_from_env() -> Starlette:
    """Build the app from TAVLE_* variables (each worker of `tavle serve --workers N`)."""
    app = create_app(Settings.from_env())
    tune_collector()
    return app


# Python's collector, at its defaults, ran a full collection every few seconds in a room
# of 1,000 sockets, up to 100 ms long and mostly finding nothing: every edit that arrived
# meanwhile waited (docs/benchmarks.md, "Issue 14: the tail at 1,000 clients"). A higher first
# threshold lets short-lived objects die by reference count before a collection promotes
# them; freezing what exists after start-up keeps modules, templates and catalogs out
# of every full collection. Cycles are still found, only less often.
GC_THRESHOLDS = (50_000, 20, 10)


def tune_collector() -> None:
    """Collect what start-up left behind, then keep it out of later collections.

    For a serving process only (`tavle serve`): a test that builds apps in its own
    process keeps Python's defaults.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def create_app(settings: Settings) -> Starlette:
    """Build the app; the store and the rooms live as long as its lifespan."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        store = Store(settings.database_location, flush_interval_s=settings.flush_interval_s)
        await store.open()
        local = board_rooms(
            store,
            settings.room_options,
            idle_unload_s=settings.idle_unload_s,
            compact_after_rows=settings.compact_after_rows,
        )
        rooms: Rooms | Cluster = local
        if settings.redis_url:
            # Several processes: each board is owned by one, relayed by the others.
            cluster = Cluster(local, store, settings.redis_url, settings.node_id)
            await cluster.start()
            rooms = cluster
        else:
            local.start()
        app.state.store = store
        app.state.rooms = rooms
        service = BoardService(
            settings, store, Signer(load_or_create_key(settings.secret_key_path))
        )
        app.state.service = service
        if settings.open_to_network and service.organiser_password is None:
            log.warning("Anyone who can reach this server can create boards (TAVLE_OPEN_CREATION).")
        elif settings.open_to_network and not settings.organiser_password:
            log.warning(
                "Creating boards needs the organiser password in %s; set"
                " TAVLE_ORGANISER_PASSWORD to choose your own.",
                settings.organiser_password_path,
            )
        retention = None
        if settings.retention_days is not None:
            retention = asyncio.create_task(
                library_api.keep_retention(rooms, store, settings.retention_days),
                name="retention",
            )
        try:
            yield
        finally:
            if retention is not None:
                retention.cancel()
                await asyncio.gather(retention, return_exceptions=True)
            await rooms.close()
            await store.close()

    routes = [
        *pages.routes,
        *api.routes,
        # Before exports': /b/{id}/export.{format} would take export.actions.csv.
        *actions_api.routes,
        *pilot_api.routes,
        *exports.routes,
        *facilitation_api.routes,
        *library_api.routes,
        *history_api.routes,
        *programmes_api.routes,
        *catalogs.routes,
        # /ws/{board_id} is served by the BoardSockets middleware, ahead of the router.
        Route("/healthz", api.health),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(BoardSockets),
            Middleware(AccessLogMiddleware),
            Middleware(SecurityHeadersMiddleware),
            Middleware(CrossSiteMiddleware, public_url=settings.public_url),
            Middleware(BodyLimitMiddleware),
        ],
        exception_handlers={
            HTTPException: http_error,
            ServiceError: service_error,
            Exception: server_error,
        },
    )
    app.state.settings = settings
    return app
