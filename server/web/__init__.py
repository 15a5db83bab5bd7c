"""The web side: pages, the JSON API, the websocket entry, middleware and error answers.
Reaches boards through the service and the rooms' public methods, never room internals."""
