#!/usr/bin/env python3
"""Writes a synthetic OpenAPI 3.0 JSON spec with N operations.

Usage: synth.py N OUT.json

Every operation has a path parameter, a query parameter and a JSON object with five
fields (request body for POST, response for GET); every object also references the two
shared schemas `Meta` and `ErrorBody`, and every operation documents a 400 error with
`ErrorBody`. Operation i alternates GET/POST so both request shapes are exercised.
"""

import json
import sys


def resource_schema(i):
    return {
        "type": "object",
        "required": ["id", "name", "meta"],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string", "description": f"Name of resource {i}."},
            "count": {"type": "integer", "format": "int64"},
            "ratio": {"type": "number", "format": "double"},
            "enabled": {"type": "boolean"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "meta": {"$ref": "#/components/schemas/Meta"},
        },
    }


def error_response():
    return {
        "description": "Bad request.",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
        },
    }


def json_content(ref):
    return {"application/json": {"schema": {"$ref": ref}}}


def operation(i):
    path_param = {
        "name": "resourceId",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    ref = f"#/components/schemas/Resource{i}"
    if i % 2 == 0:
        path = f"/v1/resources{i}/{{resourceId}}"
        op = {
            "operationId": f"getResource{i}",
            "summary": f"Fetches resource {i}.",
            "parameters": [
                path_param,
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "format": "int32"},
                },
            ],
            "responses": {
                "200": {"description": "The resource.", "content": json_content(ref)},
                "400": error_response(),
            },
        }
        return path, "get", op
    path = f"/v1/resources{i}/{{resourceId}}/actions"
    op = {
        "operationId": f"createResource{i}",
        "summary": f"Creates resource {i}.",
        "parameters": [
            path_param,
            {
                "name": "dryRun",
                "in": "query",
                "required": False,
                "schema": {"type": "boolean"},
            },
        ],
        "requestBody": {"required": True, "content": json_content(ref)},
        "responses": {
            "201": {"description": "Created.", "content": json_content(ref)},
            "400": error_response(),
        },
    }
    return path, "post", op


def spec(n):
    paths = {}
    schemas = {
        "Meta": {
            "type": "object",
            "required": ["createdBy"],
            "properties": {
                "createdBy": {"type": "string"},
                "revision": {"type": "integer", "format": "int64"},
            },
        },
        "ErrorBody": {
            "type": "object",
            "required": ["statusCode", "message"],
            "properties": {
                "statusCode": {"type": "integer"},
                "message": {"type": "string"},
                "error": {"type": "string"},
            },
        },
    }
    for i in range(n):
        path, method, op = operation(i)
        paths.setdefault(path, {})[method] = op
        schemas[f"Resource{i}"] = resource_schema(i)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"Synthetic API ({n} operations)",
            "description": "Generated for compile-cost measurements.",
            "version": "1.0.0",
        },
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: synth.py N OUT.json")
    n = int(sys.argv[1])
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(spec(n), out, indent=2)
        out.write("\n")


if __name__ == "__main__":
    main()
