#!/usr/bin/env bash
# Where the CPU goes in a JFR recording, by layer: every execution sample is charged to the layer of its innermost
# frame that belongs to a known layer (so "Micrometer" is time spent inside Micrometer, whoever called it).
# Start-up samples (under SpringApplication.run) are left out.
#   bench/lib/jfr-layers.sh RECORDING.jfr [JDK_HOME]
set -euo pipefail
jdk=${2:-/usr/lib/jvm/temurin-25-jdk-amd64}
"$jdk/bin/jfr" print --events jdk.ExecutionSample --stack-depth 96 "$1" | awk '
  function layer(f) {
    if (f ~ /^org\.apache\.kafka\.clients\.producer\.internals\.Sender|^org\.apache\.kafka\.clients\.NetworkClient|^org\.apache\.kafka\.common\.network/) return "Kafka producer I/O thread"
    if (f ~ /^net\.jpountz|^org\.apache\.kafka\.common\.compress/) return "lz4 compression"
    if (f ~ /^org\.apache\.kafka/) return "Kafka producer send() / serialisation"
    if (f ~ /^io\.streamgate\.gateway\.verify|^javax\.crypto|^com\.sun\.crypto|^sun\.security/) return "HMAC / SHA-256 (signatures, content-hash ids)"
    if (f ~ /^com\.fasterxml\.jackson/) return "Jackson (JSON)"
    if (f ~ /^io\.cloudevents/) return "CloudEvents SDK"
    if (f ~ /^io\.micrometer|^io\.prometheus/) return "Micrometer / observations"
    if (f ~ /^org\.springframework\.security/) return "Spring Security filter chain"
    if (f ~ /^org\.springframework\.kafka/) return "spring-kafka"
    if (f ~ /^org\.springframework/) return "Spring MVC / framework"
    if (f ~ /^org\.apache\.(tomcat|coyote|catalina)/) return "Tomcat (HTTP, servlet)"
    if (f ~ /^org\.eclipse\.jetty/) return "Jetty (HTTP, servlet)"
    if (f ~ /^io\.streamgate/) return "Streamgate code"
    if (f ~ /^ch\.qos\.logback|^org\.slf4j|^org\.apache\.logging/) return "logging"
    return ""
  }
  /^jdk\.ExecutionSample/ { inside = 1; n = 0; startup = 0; next }
  inside && /^[ \t]+[a-zA-Z_$][a-zA-Z0-9_$.]*\.[a-zA-Z_$<>]+\(/ {
    f = $1; frames[++n] = f
    if (f ~ /SpringApplication\.run|JarLauncher\.main/) startup = 1
    next
  }
  inside && /^}/ {
    inside = 0
    if (startup) { skipped++; next }
    l = ""
    for (i = 1; i <= n && l == ""; i++) l = layer(frames[i])
    if (l == "") l = (frames[1] ~ /^(java|jdk|sun)\./ ? "JDK (collections, strings, threads, I/O)" : "other")
    count[l]++; total++
  }
  END {
    printf "%d samples (%d start-up samples left out)\n", total, skipped
    for (l in count) printf "%6.1f %%  %s\n", 100 * count[l] / total, l | "sort -rn"
  }'
