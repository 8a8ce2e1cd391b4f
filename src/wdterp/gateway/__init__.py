"""The protocol front: parse, authenticate, limit, dispatch, log; every answer HTTP 200 + JSON."""
