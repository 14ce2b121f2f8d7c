package bench.springpeer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The bench's Spring Kafka peer: a KafkaMessageListenerContainer whose record listener validates
 * each value and throws on an invalid one, and Spring's own dead-letter path for what it throws on:
 * DefaultErrorHandler + DeadLetterPublishingRecoverer, no retries, the original bytes published to
 * the same partition of the dead-letter topic with Spring's kafka_dlt-* headers. Everything else is
 * Spring's and the Java client's defaults, unless an argument says otherwise.
 *
 * Spring's default after a failed record (seek-after-error=true) seeks the partition back to the
 * records after it, so the next poll fetches them again from the broker: on an all-poison stream,
 * one fetch per record. seek-after-error=false is Spring's documented option
 * (DefaultErrorHandler.setSeekAfterError) to hand the rest of the poll's records on from memory.
 *
 * It reads the topic `reads` times, each with a fresh group from the beginning, and says on stdout:
 *   assigned <read>                   partitions assigned: the read's clock starts (as the bench's group join)
 *   done <read> <records> <ms>        every record handled: valid ones by the listener, poison ones
 *                                     once Spring's dead-letter send was acknowledged
 * It exits 0 after the last read, at once when stdin closes, and non-zero with one line on stderr
 * when a read does not finish within its deadline.
 *
 *   java -cp ... bench.springpeer.SpringKafkaPeer bootstrap=host:port topic=T dead-letter-topic=D
 *     expected=N group=G schemas=DIR reads=2 deadline-ms=180000
 *     [seek-after-error=false] [producer.<config>=<value>...]
 */
public final class SpringKafkaPeer {
  private SpringKafkaPeer() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (eq <= 0) fail("argument '" + arg + "' is not name=value");
      args.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    exitWhenStdinCloses();
    OrderReceivedCheck check = new OrderReceivedCheck(Path.of(required(args, "schemas")));
    KafkaTemplate<byte[], byte[]> template = deadLetterTemplate(args);
    int reads = Integer.parseInt(args.getOrDefault("reads", "1"));
    int expected = Integer.parseInt(required(args, "expected"));
    long deadlineMs = Long.parseLong(args.getOrDefault("deadline-ms", "180000"));
    for (int read = 1; read <= reads; read++) {
      readOnce(args, check, template, read, expected, deadlineMs);
    }
    template.destroy();
    System.exit(0);
  }

  private static void readOnce(
      Map<String, String> args,
      OrderReceivedCheck check,
      KafkaTemplate<byte[], byte[]> template,
      int read,
      int expected,
      long deadlineMs)
      throws InterruptedException {
    String deadLetterTopic = required(args, "dead-letter-topic");
    AtomicInteger handled = new AtomicInteger();
    AtomicLong assignedAt = new AtomicLong();
    AtomicLong doneAt = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    Runnable count = () -> {
      if (handled.incrementAndGet() == expected) {
        doneAt.set(System.nanoTime());
        done.countDown();
      }
    };

    ContainerProperties properties = new ContainerProperties(required(args, "topic"));
    properties.setGroupId(required(args, "group") + "-" + read);
    properties.setMessageListener((MessageListener<byte[], byte[]>) record -> {
      check.check(record.value());
      count.run();
    });
    properties.setConsumerRebalanceListener(new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (assignedAt.compareAndSet(0, System.nanoTime())) say("assigned " + read);
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
    });

    DefaultErrorHandler errorHandler = new DefaultErrorHandler(
        new DeadLetterPublishingRecoverer(template, (r, e) -> new TopicPartition(deadLetterTopic, r.partition())),
        new FixedBackOff(0L, 0L));
    errorHandler.setSeekAfterError(Boolean.parseBoolean(args.getOrDefault("seek-after-error", "true")));
    // Called once the recoverer has returned: DeadLetterPublishingRecoverer returns only when its send
    // is acknowledged (it fails the recovery otherwise), so a poison record counts once it is dead-lettered.
    errorHandler.setRetryListeners(new RetryListener() {
      @Override
      public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {}

      @Override
      public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
        count.run();
      }
    });

    KafkaMessageListenerContainer<byte[], byte[]> container =
        new KafkaMessageListenerContainer<>(consumerFactory(args), properties);
    container.setCommonErrorHandler(errorHandler);
    container.start();
    try {
      if (!done.await(deadlineMs, TimeUnit.MILLISECONDS)) {
        fail("read " + read + " handled " + handled.get() + " of " + expected + " records within "
            + deadlineMs / 1000 + " s" + (assignedAt.get() == 0 ? " (no partitions assigned)" : ""));
      }
      say("done " + read + " " + expected + " " + (doneAt.get() - assignedAt.get()) / 1_000_000.0);
    } finally {
      container.stop();
    }
  }

  private static DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory(Map<String, String> args) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, required(args, "bootstrap"));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // As the bench's kafkajs consumers (maxWaitTimeInMs: 100): an idle fetch returns soon; a busy topic is not slowed.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    return new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** acks=all and idempotent, as every producer of the bench; `producer.<name>=<value>` arguments are added. */
  private static KafkaTemplate<byte[], byte[]> deadLetterTemplate(Map<String, String> args) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, required(args, "bootstrap"));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    args.forEach((name, value) -> {
      if (name.startsWith("producer.")) config.put(name.substring("producer.".length()), value);
    });
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  /** The bench holds stdin open while it wants this JVM: when it goes, so does the JVM. */
  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() != -1) {
          // nothing is sent on stdin; only its end matters
        }
      } catch (IOException e) {
        // a broken stdin is a closed one
      }
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static String required(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null) fail("missing argument " + name + "=...");
    return value;
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void fail(String why) {
    System.err.println("spring-kafka-peer: " + why);
    System.exit(2);
  }
}
