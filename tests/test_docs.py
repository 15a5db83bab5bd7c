"""The docs say what the code does: routes, commands, notices, close codes and layouts.

Every name is read from the code, never from a list kept here: the app's routes from
`create_app`, the commands from the registry a loaded room of each engine builds, the
notice and error codes from their message catalogs, the close codes from the connection
module, the server's messages from the dicts it sends, the layouts from `boards/layout.py`.
When the code moves, re-point the one function that reads it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from starlette.routing import Mount, Route

import boards
from boards.engines import ENGINES
from boards.layout import Field, Root
from boards.wording import ELEMENTS
from server.app import create_app
from server.i18n.messages import ERROR_MESSAGES, NOTICE_MESSAGES
from server.parts import parts_of
from server.settings import Settings
from server.store import Store
from server.sync import connection
from server.sync.capabilities import ROLE_CAPABILITIES, Capability
from server.web.ws import BOARD_SOCKET_PREFIX
from tests.support.rooms import room_of

ROOT = Path(__file__).parent.parent
SERVER = ROOT / "server"


def doc(name: str) -> str:
    """Return one of the docs' text."""
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def cells(line: str) -> list[str]:
    """Return the cells of a Markdown table row (an escaped `\\|` stays in its cell)."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def table(text: str, header: str) -> dict[str, list[str]]:
    """Return the rows of every table whose header row is `header`, by their first cell."""
    rows: dict[str, list[str]] = {}
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip() != header:
            continue
        for row in lines[index + 2 :]:
            if not row.startswith("|"):
                break
            rows[cells(row)[0]] = cells(row)
    assert rows, f"no table headed {header!r}"
    return rows


# -- docs/api.md: the HTTP routes ------------------------------------------------------


def app_routes(tmp_path: Path) -> list[str]:
    """Return every route of the app as `METHOD /path` (a mount as `GET /path/`)."""
    app = create_app(Settings(data_dir=tmp_path))
    routes: list[str] = []
    for route in app.routes:
        if isinstance(route, Route):
            methods = sorted((route.methods or {"GET"}) - {"HEAD"})
            routes += [f"{method} {route.path}" for method in methods]
        elif isinstance(route, Mount):
            routes.append(f"GET {route.path}/")
        else:
            raise AssertionError(f"a route of a kind this test does not read: {route!r}")
    return routes


def test_every_route_of_the_app_is_in_the_api_doc(tmp_path: Path) -> None:
    routes = app_routes(tmp_path)
    assert len(routes) > 20, "create_app's routes were not found: re-point app_routes"
    api = doc("api.md")
    # Each route whole: `GET /join` is not found in `GET /join/{code}`.
    written = [re.search(re.escape(route) + r"(?=[`\s?…]|$)", api) for route in routes]
    assert [route for route, found in zip(routes, written, strict=True) if not found] == []
    socket = f"GET {BOARD_SOCKET_PREFIX}{{board_id}}"
    assert socket in api
    assert socket in doc("protocol.md")


def test_every_error_code_is_in_the_api_doc() -> None:
    rows = " ".join(table(doc("api.md"), "| code | status | when |"))
    assert ERROR_MESSAGES
    assert [code for code in ERROR_MESSAGES if f"`{code}`" not in rows] == []


# -- docs/protocol.md: commands, capabilities, notices, messages, close codes ------------


async def board_commands(store: Store, engine: str) -> dict[str, str]:
    """Return every command a board of an engine takes, with the capability it needs.

    Read from the registry a loaded room builds (server/rules/commands.py, filled by
    server/parts.py from the facilitation parts and the engine's rules).
    """
    slug = next(kind.slug for kind in boards.registry().values() if kind.engine.name == engine)
    room, _ = await room_of(store, slug)
    try:
        return {command.name: str(command.needs) for command in parts_of(room).commands}
    finally:
        room.stop_observing()


@pytest.mark.anyio
@pytest.mark.parametrize("engine", sorted(ENGINES))
async def test_every_command_is_in_the_protocol_doc_with_what_it_needs(
    store: Store, engine: str
) -> None:
    commands = await board_commands(store, engine)
    assert len(commands) > 10, "the command registry was not found: re-point board_commands"
    rows = table(doc("protocol.md"), "| `type` | fields | needs | what; refusals |")
    for name, needs in commands.items():
        row = rows.get(f"`{name}`")
        assert row is not None, f"docs/protocol.md has no row for the command {name!r}"
        assert row[2].startswith(f"`{needs}`"), f"{name} needs {needs}, not {row[2]}"


def test_every_capability_is_in_the_protocol_doc_with_its_roles() -> None:
    rows = table(doc("protocol.md"), "| capability | what it allows | roles |")
    for capability in Capability:
        row = rows.get(f"`{capability}`")
        assert row is not None, f"docs/protocol.md has no row for {capability}"
        roles = {role for role, given in ROLE_CAPABILITIES.items() if capability in given}
        written = set(re.split(r",\s*", row[2]))
        assert written == roles or (row[2] == "every role" and roles == set(ROLE_CAPABILITIES))


def test_every_notice_code_is_in_the_protocol_doc() -> None:
    notices = table(doc("protocol.md"), "| code | when |")
    assert NOTICE_MESSAGES
    assert [code for code in NOTICE_MESSAGES if f"`{code}`" not in notices] == []


def test_every_close_code_is_in_the_protocol_doc() -> None:
    codes = {
        value
        for name, value in vars(connection).items()
        if name.startswith("CLOSE_") and isinstance(value, int)
    }
    assert len(codes) > 5, "the close codes were not found: re-point this test"
    written = " ".join(table(doc("protocol.md"), "| code | meaning | client |"))
    assert sorted(code for code in codes if str(code) not in written) == []


def server_message_types() -> set[str]:
    """Return the `type` of every dict literal the server's room side builds.

    That is every Tavle message it sends (`{"type": "hello", ...}`), read from the
    modules outside the HTTP side (server/web) and the files (server/afterwards); the
    ProseMirror node types of a wording are left out.
    """
    types: set[str] = set()
    for path in SERVER.rglob("*.py"):
        if {"web", "afterwards"} & set(path.relative_to(SERVER).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                named = isinstance(key, ast.Constant) and key.value == "type"
                if named and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    types.add(value.value)
    return types - ELEMENTS - {"doc", "text"}


def test_every_message_the_server_sends_is_in_the_protocol_doc() -> None:
    types = server_message_types()
    assert {"hello", "notice"} <= types, "the server's messages were not found"
    protocol = doc("protocol.md")
    assert sorted(kind for kind in types if f"`{kind}`" not in protocol) == []


# -- docs/formats.md: the document layouts -----------------------------------------------

ROOT_LINE = re.compile(r"^([a-z_]+): (Y\.Map<[^>]+>)")
FIELD_LINE = re.compile(r"^  ([a-z_]+)(\??): (\S+(?: \| \S+)*)")


def written_layout(formats: str, engine: str) -> dict[str, dict[str, str]]:
    """Return the layout docs/formats.md gives an engine: root -> field -> written type.

    Read from the first code block after the heading `### Engine `{engine}``; a root is a
    line `name: Y.Map<...>`, a field an indented line `name: type` (`name?:` if optional).
    """
    heading = formats.index(f"### Engine `{engine}`")
    block = formats[formats.index("```", heading) + 3 :]
    block = block[: block.index("```")]
    layout: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in block.splitlines():
        if root := ROOT_LINE.match(line):
            current = layout.setdefault(root.group(1), {})
            current["*"] = root.group(2)
        elif field := FIELD_LINE.match(line):
            current[field.group(1)] = field.group(3)
    return layout


def written_type(field: Field) -> str:
    """Return how docs/formats.md writes a field's type."""
    if field.kind == "text" and field.choices:
        return " | ".join(f'"{choice}"' for choice in field.choices)
    if field.kind == "text":
        return f"string({field.max_chars})"
    return {"number": "number", "flag": "boolean"}[field.kind]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_root_and_field_of_a_layout_is_in_the_formats_doc(engine: str) -> None:
    layout: tuple[Root, ...] = ENGINES[engine].layout
    written = written_layout(doc("formats.md"), engine)
    assert list(written) == [root.name for root in layout]
    for root in layout:
        fields = {name: type_ for name, type_ in written[root.name].items() if name != "*"}
        assert ("Y.XmlFragment" in written[root.name]["*"]) == root.wording, root.name
        assert fields == {name: written_type(f) for name, f in root.fields.items()}, root.name
