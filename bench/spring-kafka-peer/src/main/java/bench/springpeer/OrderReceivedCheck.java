package bench.springpeer;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the listener checks: a record's value parsed by Jackson and validated against
 * order-received.schema.json (draft 2020-12, its $refs resolved from the other files of schemas/,
 * formats asserted as ajv-formats does), all errors collected as ajv's allErrors does.
 */
final class OrderReceivedCheck {
  private static final String ORDER_RECEIVED = "https://shop.example.com/schemas/order-received.schema.json";

  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final Schema schema;

  OrderReceivedCheck(Path schemasDir) throws IOException {
    Map<String, String> byId = new HashMap<>();
    try (Stream<Path> files = Files.list(schemasDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        byId.put(mapper.readTree(text).path("$id").asString(), text);
      }
    }
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(byId).schemaRegistryConfig(config));
    this.schema = registry.getSchema(SchemaLocation.of(ORDER_RECEIVED));
    this.schema.initializeValidators();
  }

  /** Throws when the value is not JSON or not a valid order-received event: the listener's failure. */
  void check(byte[] value) {
    if (value == null) throw new IllegalArgumentException("no value");
    JsonNode event = mapper.readTree(value);
    List<Error> errors = schema.validate(event);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("not a valid com.example.shop.order.received event: "
          + errors.stream().map(Error::toString).collect(Collectors.joining("; ")));
    }
  }
}
