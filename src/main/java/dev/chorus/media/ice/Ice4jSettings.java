package dev.chorus.media.ice;

import java.lang.System.Logger.Level;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.jitsi.config.JitsiConfig;

/**
 * Puts ice4j's process-wide settings into the state this package relies on, once, before any Agent
 * or harvester exists.
 *
 * <p>ice4j reads its configuration (Typesafe Config via jicoco-config: {@code reference.conf} plus
 * system property overrides) when its config classes are first used, and caches each value once
 * read. Its defaults include an AWS "mapping harvester" that probes 169.254.169.254 and optional
 * STUN "mapping harvesters" that contact STUN servers; nothing of this package may reach the
 * network, so the AWS harvester is switched off here and the effective values are verified rather
 * than trusted.
 */
final class Ice4jSettings {
  static final String AWS_HARVESTER_PROPERTY = "ice4j.harvest.mapping.aws.enabled";

  private static final System.Logger LOG = System.getLogger(Ice4jSettings.class.getName());
  private static boolean applied;

  private Ice4jSettings() {}

  /**
   * Applies and verifies the settings; idempotent.
   *
   * @throws IllegalStateException if ice4j was configured by someone else in a way that would reach
   *     the network
   */
  static synchronized void apply() {
    if (applied) {
      return;
    }
    System.setProperty(AWS_HARVESTER_PROPERTY, "false");
    // ice4j's Typesafe config snapshots the system properties when it is first loaded, which any
    // earlier use of ice4j (even its STUN message classes) does; reloading makes the property
    // visible. Values ice4j has already read stay cached, hence the checks below.
    JitsiConfig.Companion.reloadNewConfig();

    if (HarvestConfig.config.enableAwsHarvester()) {
      throw new IllegalStateException(
          "ice4j's AWS harvester is still enabled: ice4j read its configuration before Chorus "
              + "could set -D"
              + AWS_HARVESTER_PROPERTY
              + "=false; pass it on the JVM command line");
    }
    var stunServers = HarvestConfig.config.stunMappingCandidateHarvesterAddresses();
    if (!stunServers.isEmpty()) {
      throw new IllegalStateException(
          "ice4j STUN mapping harvesters are configured ("
              + stunServers
              + "); Chorus does not contact STUN servers, use the advertised address instead");
    }
    // Initialise the mapping harvesters now (no network: AWS and STUN are off) so that the first
    // session does not pay for it; static mappings from an ice4j config file are ignored by
    // IceSession, which advertises host candidates only.
    var mappings = MappingCandidateHarvesters.getHarvesters();
    if (mappings.length > 0) {
      LOG.log(
          Level.WARNING,
          "ice4j has {0} static mapping harvester(s) configured; Chorus ignores them (use "
              + "IceConfig.advertisedAddress)",
          mappings.length);
    }
    applied = true;
  }

  /**
   * Chooses how ice4j's single-port UDP listeners deliver data, for the listeners created from now
   * on: pushed to each session's callback (see {@link IceSession#setDatagramHandler}) or queued for
   * {@link IceSession#receive}. The switch is a process-wide static of ice4j, read when a listener
   * starts, so every endpoint open at the same time must use the same mode.
   */
  static synchronized void usePushApi(boolean push) {
    if (push) {
      PushBuffers.install();
    }
    AbstractUdpListener.USE_PUSH_API = push;
  }
}
