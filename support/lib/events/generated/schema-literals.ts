// GENERATED from schemas/*.schema.json by support/codegen/render-schema-literals.ts. Do not edit:
// edit the JSON schema, then run `npx tsx support/codegen/schema-literals-cli.ts`. `npm run typecheck` fails while this is stale.

/** schemas/address.schema.json */
export const addressSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/address.schema.json",
  "title": "Postal address",
  "description": "Where a parcel goes, with everything the shipping label needs.",
  "type": "object",
  "properties": {
    "name": {
      "description": "The recipient's name as printed on the label. It may differ from the customer's name.",
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "line1": {
      "description": "Street and house number.",
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "line2": {
      "description": "Optional second line: apartment, floor, c/o.",
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "postalCode": {
      "description": "The postal code as written in the destination country (a string: some have letters or leading zeros).",
      "type": "string",
      "minLength": 1,
      "maxLength": 20
    },
    "city": {
      "description": "City or town.",
      "type": "string",
      "minLength": 1,
      "maxLength": 100
    },
    "region": {
      "description": "Optional state, province or county, as the destination country writes it on a label, for example OR (Oregon) in the US or ON (Ontario) in Canada. Leave it out where addresses have none.",
      "type": "string",
      "minLength": 1,
      "maxLength": 100
    },
    "country": {
      "description": "The destination country as an ISO 3166-1 alpha-2 code, for example DE.",
      "type": "string",
      "pattern": "^[A-Z]{2}$"
    }
  },
  "required": [
    "name",
    "line1",
    "postalCode",
    "city",
    "country"
  ],
  "additionalProperties": false
} as const;

/** schemas/customer.schema.json */
export const customerSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/customer.schema.json",
  "title": "Customer",
  "description": "The person who placed the order, as the storefront knows them.",
  "type": "object",
  "properties": {
    "id": {
      "description": "The customer's account id in the storefront, a UUID.",
      "type": "string",
      "format": "uuid"
    },
    "name": {
      "description": "The customer's name as they want to be addressed, for example in emails.",
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "email": {
      "description": "The customer's email address; order emails are sent here.",
      "type": "string",
      "format": "email"
    }
  },
  "required": [
    "id",
    "name",
    "email"
  ],
  "additionalProperties": false
} as const;

/** schemas/envelope.schema.json */
export const envelopeSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/envelope.schema.json",
  "title": "Event envelope (CloudEvents 1.0, structured JSON mode)",
  "description": "The attributes every shop event carries, named as in CloudEvents 1.0. In structured JSON mode one JSON document holds the attributes and the data together, so an event is a single JSON object and a file in examples/ is the Kafka record value. Each event schema includes this envelope with allOf, then fixes type and dataschema, says what subject holds, defines data, and closes the object with unevaluatedProperties: false (no extension attributes).",
  "type": "object",
  "properties": {
    "specversion": {
      "description": "The CloudEvents version this event follows. Always \"1.0\".",
      "const": "1.0"
    },
    "id": {
      "description": "This event's unique id, a UUID. A producer that re-sends the same event (a retry) keeps the same id, so consumers can recognise a duplicate by source and id.",
      "type": "string",
      "format": "uuid"
    },
    "source": {
      "description": "Which part of the shop produced the event, as a URI reference such as /shop/storefront. Source and id together identify an event.",
      "type": "string",
      "format": "uri-reference",
      "minLength": 1
    },
    "type": {
      "description": "What happened, as a reverse-DNS name such as com.example.shop.order.received. Consumers choose the schema (and the handler) by this value; each event schema fixes it to one constant.",
      "type": "string",
      "minLength": 1
    },
    "time": {
      "description": "When the occurrence happened: an RFC 3339 date-time with a time zone, for example 2025-03-14T09:26:53.589Z.",
      "type": "string",
      "format": "date-time"
    },
    "subject": {
      "description": "What the event is about, within its source. For order events and notifications it is the order id; for an error event, the failed record's topic/partition/offset. Each event schema says which.",
      "type": "string",
      "minLength": 1
    },
    "datacontenttype": {
      "description": "The media type of data. Always application/json: data is a JSON object inside the event, not a string holding JSON.",
      "const": "application/json"
    },
    "dataschema": {
      "description": "The $id of the JSON Schema that this event conforms to, one of the files in schemas/. Each event schema fixes it to its own $id.",
      "type": "string",
      "format": "uri"
    },
    "data": {
      "description": "The payload. Its shape depends on type and is defined by the event's schema.",
      "type": "object"
    }
  },
  "required": [
    "specversion",
    "id",
    "source",
    "type",
    "time",
    "subject",
    "datacontenttype",
    "dataschema",
    "data"
  ]
} as const;

/** schemas/error.schema.json */
export const errorSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/error.schema.json",
  "title": "Processing failed (error event)",
  "description": "A consumer gave up on a Kafka record and parked it here (a dead-letter event). It holds the record exactly as received, so the original can be replayed from this event alone with identical key, value and header bytes, plus why and where it failed. Only bytes too large to embed in an event the error topic accepts are held truncated (a prefix, their size, SHA-256 and where to read them); such a record is replayed by reading it from its topic. The envelope's time is when the consumer gave up.",
  "type": "object",
  "allOf": [
    {
      "$ref": "envelope.schema.json"
    }
  ],
  "properties": {
    "type": {
      "description": "Always com.example.shop.processing.failed.",
      "const": "com.example.shop.processing.failed"
    },
    "subject": {
      "description": "The failed record's coordinates, topic/partition/offset, for example Notification/2/17. (The record may not be an event at all, so there is not always an order id.)",
      "type": "string",
      "pattern": "^[a-zA-Z0-9._-]+/(0|[1-9][0-9]*)/(0|[1-9][0-9]*)$"
    },
    "dataschema": {
      "description": "Always this schema's $id.",
      "const": "https://shop.example.com/schemas/error.schema.json"
    },
    "data": {
      "description": "Why processing failed, who failed, and the failed record itself.",
      "type": "object",
      "properties": {
        "reason": {
          "description": "Why the consumer gave up.",
          "type": "object",
          "properties": {
            "code": {
              "description": "The kind of failure. NULL_VALUE: the record had no value (for example a tombstone). NOT_JSON: the value is not UTF-8 encoded JSON. WRONG_EVENT_TYPE: the value is JSON, but its type is missing, unknown, or not a type this consumer handles. SCHEMA_INVALID: the value claims a known type but does not match that type's schema. HANDLER_FAILED: the event was valid, but handling it failed on every attempt.",
              "enum": [
                "NULL_VALUE",
                "NOT_JSON",
                "WRONG_EVENT_TYPE",
                "SCHEMA_INVALID",
                "HANDLER_FAILED"
              ]
            },
            "message": {
              "description": "What went wrong, in words for a person: for SCHEMA_INVALID the validation errors, for HANDLER_FAILED the last error.",
              "type": "string",
              "minLength": 1
            }
          },
          "required": [
            "code",
            "message"
          ],
          "additionalProperties": false
        },
        "consumerGroup": {
          "description": "The Kafka consumer group whose consumer gave up on the record.",
          "type": "string",
          "minLength": 1
        },
        "attempt": {
          "description": "How many times that consumer tried to process the record, this last failure included. 1 means it failed on the first try (nothing is retried that cannot succeed, such as NOT_JSON).",
          "type": "integer",
          "minimum": 1
        },
        "record": {
          "description": "The failed Kafka record as the consumer received it.",
          "type": "object",
          "properties": {
            "topic": {
              "description": "The topic the record was read from.",
              "type": "string",
              "pattern": "^[a-zA-Z0-9._-]{1,249}$"
            },
            "partition": {
              "description": "The partition the record was read from.",
              "type": "integer",
              "minimum": 0
            },
            "offset": {
              "description": "The record's offset in that partition. A decimal string, as kafkajs gives it: offsets are 64-bit and may not fit a JSON number exactly.",
              "type": "string",
              "pattern": "^(0|[1-9][0-9]*)$"
            },
            "timestamp": {
              "description": "Optional: the record's Kafka timestamp in milliseconds since the epoch, as a decimal string (as kafkajs gives it), so a replay can keep it.",
              "type": "string",
              "pattern": "^(0|[1-9][0-9]*)$"
            },
            "key": {
              "description": "The record key's bytes, or null when the record had no key; truncated only when it is too large to embed (see truncatedBytes).",
              "oneOf": [
                {
                  "type": "null"
                },
                {
                  "$ref": "#/$defs/utf8Bytes"
                },
                {
                  "$ref": "#/$defs/base64Bytes"
                },
                {
                  "$ref": "#/$defs/truncatedBytes"
                }
              ]
            },
            "headers": {
              "description": "The record headers in the order received. A name may occur more than once; Kafka allows it.",
              "type": "array",
              "items": {
                "description": "One header.",
                "type": "object",
                "properties": {
                  "name": {
                    "description": "The header name.",
                    "type": "string"
                  },
                  "value": {
                    "description": "The header value's bytes, or null when the header had no value; truncated only when it is too large to embed (see truncatedBytes).",
                    "oneOf": [
                      {
                        "type": "null"
                      },
                      {
                        "$ref": "#/$defs/utf8Bytes"
                      },
                      {
                        "$ref": "#/$defs/base64Bytes"
                      },
                      {
                        "$ref": "#/$defs/truncatedBytes"
                      }
                    ]
                  }
                },
                "required": [
                  "name",
                  "value"
                ],
                "additionalProperties": false
              }
            },
            "value": {
              "description": "The record value: the parsed JSON when it was JSON, otherwise its bytes; null when the record had no value. When embedding it whole would make the error event larger than the error topic accepts (its max.message.bytes), it is truncated: a prefix, its size and SHA-256, and where to read it (see truncatedBytes).",
              "oneOf": [
                {
                  "type": "null"
                },
                {
                  "$ref": "#/$defs/jsonValue"
                },
                {
                  "$ref": "#/$defs/utf8Bytes"
                },
                {
                  "$ref": "#/$defs/base64Bytes"
                },
                {
                  "$ref": "#/$defs/truncatedBytes"
                }
              ]
            }
          },
          "required": [
            "topic",
            "partition",
            "offset",
            "key",
            "headers",
            "value"
          ],
          "additionalProperties": false
        }
      },
      "required": [
        "reason",
        "consumerGroup",
        "attempt",
        "record"
      ],
      "additionalProperties": false
    }
  },
  "unevaluatedProperties": false,
  "$defs": {
    "jsonValue": {
      "title": "Bytes that were JSON",
      "description": "A value whose bytes were UTF-8 encoded JSON. json is the parsed value. The original bytes are the UTF-8 encoding of text when text is present, and otherwise of json written compactly (JSON.stringify, no spaces, keys in the order given); text is present exactly when that would not give the received bytes back (extra spaces, escapes, number spellings, key order).",
      "type": "object",
      "properties": {
        "encoding": {
          "description": "Always json.",
          "const": "json"
        },
        "json": {
          "description": "The parsed JSON value, as received, valid or not against any schema."
        },
        "text": {
          "description": "The exact received text, only when compact JSON.stringify(json) differs from it.",
          "type": "string"
        }
      },
      "required": [
        "encoding",
        "json"
      ],
      "additionalProperties": false
    },
    "utf8Bytes": {
      "title": "Bytes that were UTF-8 text",
      "description": "Bytes that are valid UTF-8 (and, for a value, not JSON), kept as the text they spell. The bytes are the UTF-8 encoding of text.",
      "type": "object",
      "properties": {
        "encoding": {
          "description": "Always utf8.",
          "const": "utf8"
        },
        "text": {
          "description": "The decoded text.",
          "type": "string"
        }
      },
      "required": [
        "encoding",
        "text"
      ],
      "additionalProperties": false
    },
    "base64Bytes": {
      "title": "Bytes that were not text",
      "description": "Bytes that are not valid UTF-8, kept in standard base64 (RFC 4648, with padding).",
      "type": "object",
      "properties": {
        "encoding": {
          "description": "Always base64.",
          "const": "base64"
        },
        "base64": {
          "description": "The bytes in standard base64 with padding.",
          "type": "string",
          "contentEncoding": "base64",
          "pattern": "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
        }
      },
      "required": [
        "encoding",
        "base64"
      ],
      "additionalProperties": false
    },
    "truncatedBytes": {
      "title": "Bytes too large to embed",
      "description": "Bytes that did not fit: embedding them whole would have made the error event larger than the error topic's max.message.bytes, and an error event that cannot be written would stall the partition the record came from. The event says they are truncated and keeps their first bytes, their size, their SHA-256 and where to read the original. The original cannot be rebuilt from the event alone.",
      "type": "object",
      "properties": {
        "encoding": {
          "description": "Always truncated.",
          "const": "truncated"
        },
        "size": {
          "description": "The original length in bytes.",
          "type": "integer",
          "minimum": 1
        },
        "sha256": {
          "description": "The SHA-256 of the original bytes in lowercase hex, to check bytes read back from readFrom.",
          "type": "string",
          "pattern": "^[0-9a-f]{64}$"
        },
        "prefix": {
          "description": "The first bytes (fewer than size): text when they are valid UTF-8, otherwise base64.",
          "oneOf": [
            {
              "$ref": "#/$defs/utf8Bytes"
            },
            {
              "$ref": "#/$defs/base64Bytes"
            }
          ]
        },
        "readFrom": {
          "description": "Where the whole bytes can be read while the topic retains them: the failed record's topic, partition and offset.",
          "type": "object",
          "properties": {
            "topic": {
              "description": "The topic.",
              "type": "string",
              "pattern": "^[a-zA-Z0-9._-]{1,249}$"
            },
            "partition": {
              "description": "The partition.",
              "type": "integer",
              "minimum": 0
            },
            "offset": {
              "description": "The offset, a decimal string.",
              "type": "string",
              "pattern": "^(0|[1-9][0-9]*)$"
            }
          },
          "required": [
            "topic",
            "partition",
            "offset"
          ],
          "additionalProperties": false
        }
      },
      "required": [
        "encoding",
        "size",
        "sha256",
        "prefix",
        "readFrom"
      ],
      "additionalProperties": false
    }
  }
} as const;

/** schemas/line-item.schema.json */
export const lineItemSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/line-item.schema.json",
  "title": "Order line item",
  "description": "One line of an order: how many of which product, at what price each. The price is in the currency of the order (see money.schema.json). Other schemas that list products (what to pick, what is in a package) reuse sku, name and quantity from here by $ref.",
  "type": "object",
  "properties": {
    "sku": {
      "description": "The stock keeping unit: the warehouse's code for the product. Upper-case letters and digits in dash-separated groups, for example MUG-CER-350-BLU.",
      "type": "string",
      "pattern": "^[A-Z0-9]+(-[A-Z0-9]+)*$",
      "maxLength": 40
    },
    "name": {
      "description": "The product name as the customer saw it, for packing slips and emails.",
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "quantity": {
      "description": "How many units: a whole number, at least 1.",
      "type": "integer",
      "minimum": 1
    },
    "unitPrice": {
      "description": "The price of one unit, as a money amount.",
      "$ref": "money.schema.json#/$defs/amount"
    }
  },
  "required": [
    "sku",
    "name",
    "quantity",
    "unitPrice"
  ],
  "additionalProperties": false
} as const;

/** schemas/money.schema.json */
export const moneySchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/money.schema.json",
  "title": "Money",
  "description": "How the shop writes money, stated once. An order names its currency once (currency); every amount in it is a decimal string in that currency's major unit with exactly two decimal places, for example \"12.50\" for twelve euros fifty. Never a JSON number: a float cannot hold 0.10 exactly, and a string keeps the exact digits through every JSON parser. Refer to the parts by $ref: money.schema.json#/$defs/amount and money.schema.json#/$defs/currency.",
  "$defs": {
    "amount": {
      "title": "Amount",
      "description": "A non-negative amount as a decimal string with exactly two decimal places and no sign, exponent, grouping or leading zeros: \"0.00\", \"8.90\", \"1299.00\". Its currency is the currency of the order it belongs to.",
      "type": "string",
      "pattern": "^(0|[1-9][0-9]*)\\.[0-9]{2}$",
      "examples": [
        "12.50",
        "0.00"
      ]
    },
    "currency": {
      "title": "Currency",
      "description": "An ISO 4217 currency code. Only currencies with two minor digits are accepted, which is what makes the two decimal places of an amount right for every order.",
      "enum": [
        "EUR",
        "USD",
        "GBP",
        "CHF"
      ]
    }
  }
} as const;

/** schemas/notification.schema.json */
export const notificationSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/notification.schema.json",
  "title": "Notification requested",
  "description": "An email to send to a customer about their order. The email sender consumes it and sends it as written: subject and body are final text.",
  "type": "object",
  "allOf": [
    {
      "$ref": "envelope.schema.json"
    }
  ],
  "properties": {
    "type": {
      "description": "Always com.example.shop.notification.requested.",
      "const": "com.example.shop.notification.requested"
    },
    "subject": {
      "description": "The id of the order the email is about, the same as data.orderId.",
      "type": "string",
      "format": "uuid"
    },
    "dataschema": {
      "description": "Always this schema's $id.",
      "const": "https://shop.example.com/schemas/notification.schema.json"
    },
    "data": {
      "description": "The email, who gets it, and what it is about.",
      "type": "object",
      "properties": {
        "channel": {
          "description": "How the notification is delivered. Only email exists.",
          "const": "email"
        },
        "recipient": {
          "description": "Who receives the email.",
          "type": "object",
          "properties": {
            "name": {
              "description": "The recipient's display name.",
              "$ref": "customer.schema.json#/properties/name"
            },
            "email": {
              "description": "The address the email is sent to.",
              "$ref": "customer.schema.json#/properties/email"
            }
          },
          "required": [
            "name",
            "email"
          ],
          "additionalProperties": false
        },
        "subject": {
          "description": "The email's subject line. (The envelope's subject attribute is something else: the order id.)",
          "type": "string",
          "minLength": 1,
          "maxLength": 200
        },
        "body": {
          "description": "The email's body as plain text; lines are separated by \\n.",
          "type": "string",
          "minLength": 1
        },
        "orderId": {
          "description": "The order the email is about.",
          "type": "string",
          "format": "uuid"
        },
        "triggeredBy": {
          "description": "The order event that made the shop send this email.",
          "type": "object",
          "properties": {
            "eventId": {
              "description": "The id of that event.",
              "type": "string",
              "format": "uuid"
            },
            "eventType": {
              "description": "The type of that event: one of the order event types.",
              "enum": [
                "com.example.shop.order.received",
                "com.example.shop.order.confirmed",
                "com.example.shop.order.picked_and_packed"
              ]
            }
          },
          "required": [
            "eventId",
            "eventType"
          ],
          "additionalProperties": false
        }
      },
      "required": [
        "channel",
        "recipient",
        "subject",
        "body",
        "orderId",
        "triggeredBy"
      ],
      "additionalProperties": false
    }
  },
  "unevaluatedProperties": false
} as const;

/** schemas/order-confirmed.schema.json */
export const orderConfirmedSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/order-confirmed.schema.json",
  "title": "Order confirmed",
  "description": "The order service accepted a received order: it is not a duplicate of an order already confirmed, and it can be processed. It carries everything the warehouse needs next (what to pick, where to ship), so the warehouse looks nothing up.",
  "type": "object",
  "allOf": [
    {
      "$ref": "envelope.schema.json"
    }
  ],
  "properties": {
    "type": {
      "description": "Always com.example.shop.order.confirmed.",
      "const": "com.example.shop.order.confirmed"
    },
    "subject": {
      "description": "The order id, the same as data.orderId.",
      "type": "string",
      "format": "uuid"
    },
    "dataschema": {
      "description": "Always this schema's $id.",
      "const": "https://shop.example.com/schemas/order-confirmed.schema.json"
    },
    "data": {
      "description": "The confirmed order, reduced to what fulfilment needs.",
      "type": "object",
      "properties": {
        "orderId": {
          "description": "The id of the confirmed order (from order received).",
          "type": "string",
          "format": "uuid"
        },
        "receivedEventId": {
          "description": "The id of the order received event that was confirmed. An order received whose order was already confirmed is a duplicate and gets no second confirmation.",
          "type": "string",
          "format": "uuid"
        },
        "customer": {
          "description": "Who placed the order, so that later steps (such as the customer's emails) need no lookup in the storefront.",
          "$ref": "customer.schema.json"
        },
        "shippingAddress": {
          "description": "Where the warehouse ships the order.",
          "$ref": "address.schema.json"
        },
        "items": {
          "description": "What the warehouse picks: one line per product, at least one.",
          "type": "array",
          "items": {
            "description": "One product to pick.",
            "type": "object",
            "properties": {
              "sku": {
                "description": "Which product to pick.",
                "$ref": "line-item.schema.json#/properties/sku"
              },
              "name": {
                "description": "The product name, for the packing slip.",
                "$ref": "line-item.schema.json#/properties/name"
              },
              "quantity": {
                "description": "How many units to pick.",
                "$ref": "line-item.schema.json#/properties/quantity"
              }
            },
            "required": [
              "sku",
              "name",
              "quantity"
            ],
            "additionalProperties": false
          },
          "minItems": 1
        }
      },
      "required": [
        "orderId",
        "receivedEventId",
        "customer",
        "shippingAddress",
        "items"
      ],
      "additionalProperties": false
    }
  },
  "unevaluatedProperties": false
} as const;

/** schemas/order-picked-and-packed.schema.json */
export const orderPickedAndPackedSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/order-picked-and-packed.schema.json",
  "title": "Order picked and packed",
  "description": "A warehouse picked every item of a confirmed order and packed them into one or more packages. The order is ready to ship.",
  "type": "object",
  "allOf": [
    {
      "$ref": "envelope.schema.json"
    }
  ],
  "properties": {
    "type": {
      "description": "Always com.example.shop.order.picked_and_packed.",
      "const": "com.example.shop.order.picked_and_packed"
    },
    "subject": {
      "description": "The order id, the same as data.orderId.",
      "type": "string",
      "format": "uuid"
    },
    "dataschema": {
      "description": "Always this schema's $id.",
      "const": "https://shop.example.com/schemas/order-picked-and-packed.schema.json"
    },
    "data": {
      "description": "Which warehouse packed the order, into which packages, and when.",
      "type": "object",
      "properties": {
        "orderId": {
          "description": "The id of the packed order.",
          "type": "string",
          "format": "uuid"
        },
        "confirmedEventId": {
          "description": "The id of the order confirmed event the warehouse fulfilled.",
          "type": "string",
          "format": "uuid"
        },
        "warehouseId": {
          "description": "The warehouse that picked and packed the order, for example WH-BER-1.",
          "type": "string",
          "pattern": "^WH-[A-Z0-9]+(-[A-Z0-9]+)*$"
        },
        "pickedAt": {
          "description": "When the last item was picked (RFC 3339 date-time with a time zone).",
          "type": "string",
          "format": "date-time"
        },
        "packedAt": {
          "description": "When the last package was closed and the order became ready to ship (RFC 3339 date-time with a time zone). Not before pickedAt.",
          "type": "string",
          "format": "date-time"
        },
        "packages": {
          "description": "The packages the order was packed into, at least one. Together they hold exactly the confirmed items.",
          "type": "array",
          "items": {
            "description": "One closed package.",
            "type": "object",
            "properties": {
              "packageId": {
                "description": "The warehouse's id for the package, printed on its label, for example PKG-000481.",
                "type": "string",
                "pattern": "^PKG-[0-9A-Z]+$"
              },
              "weightGrams": {
                "description": "The weighed package, in whole grams.",
                "type": "integer",
                "minimum": 1
              },
              "items": {
                "description": "What is in this package, at least one line.",
                "type": "array",
                "items": {
                  "description": "Some units of one product.",
                  "type": "object",
                  "properties": {
                    "sku": {
                      "description": "Which product.",
                      "$ref": "line-item.schema.json#/properties/sku"
                    },
                    "quantity": {
                      "description": "How many units of it are in this package.",
                      "$ref": "line-item.schema.json#/properties/quantity"
                    }
                  },
                  "required": [
                    "sku",
                    "quantity"
                  ],
                  "additionalProperties": false
                },
                "minItems": 1
              }
            },
            "required": [
              "packageId",
              "weightGrams",
              "items"
            ],
            "additionalProperties": false
          },
          "minItems": 1
        }
      },
      "required": [
        "orderId",
        "confirmedEventId",
        "warehouseId",
        "pickedAt",
        "packedAt",
        "packages"
      ],
      "additionalProperties": false
    }
  },
  "unevaluatedProperties": false
} as const;

/** schemas/order-received.schema.json */
export const orderReceivedSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://shop.example.com/schemas/order-received.schema.json",
  "title": "Order received",
  "description": "The storefront took an order from a customer. Nothing has been checked yet: it may be a duplicate (the storefront re-sent it) and it is not yet confirmed. This is the first event of every order.",
  "type": "object",
  "allOf": [
    {
      "$ref": "envelope.schema.json"
    }
  ],
  "properties": {
    "type": {
      "description": "Always com.example.shop.order.received.",
      "const": "com.example.shop.order.received"
    },
    "subject": {
      "description": "The order id, the same as data.orderId.",
      "type": "string",
      "format": "uuid"
    },
    "dataschema": {
      "description": "Always this schema's $id.",
      "const": "https://shop.example.com/schemas/order-received.schema.json"
    },
    "data": {
      "description": "The order as the customer placed it.",
      "type": "object",
      "properties": {
        "orderId": {
          "description": "The order's id, a UUID assigned by the storefront. Every later event about this order carries it.",
          "type": "string",
          "format": "uuid"
        },
        "placedAt": {
          "description": "When the customer placed the order (RFC 3339 date-time with a time zone).",
          "type": "string",
          "format": "date-time"
        },
        "customer": {
          "description": "Who placed the order.",
          "$ref": "customer.schema.json"
        },
        "shippingAddress": {
          "description": "Where the order is to be delivered.",
          "$ref": "address.schema.json"
        },
        "items": {
          "description": "What was ordered: at least one line, each with a quantity of at least 1.",
          "type": "array",
          "items": {
            "$ref": "line-item.schema.json"
          },
          "minItems": 1
        },
        "currency": {
          "description": "The currency of every amount in this order (unit prices and total).",
          "$ref": "money.schema.json#/$defs/currency"
        },
        "total": {
          "description": "What the customer pays: the sum over items of quantity times unitPrice (this pipeline has no shipping fees or discounts).",
          "$ref": "money.schema.json#/$defs/amount"
        }
      },
      "required": [
        "orderId",
        "placedAt",
        "customer",
        "shippingAddress",
        "items",
        "currency",
        "total"
      ],
      "additionalProperties": false
    }
  },
  "unevaluatedProperties": false
} as const;
