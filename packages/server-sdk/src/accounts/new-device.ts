import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { Services } from '../core/services.js';
import { describeUserAgent } from '../sessions/user-agent.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import { deviceClassOf, deviceHash } from './device-class.js';
import { pageUrl } from './links.js';

const day = 86_400_000;

/**
 * Session methods that start a session without signing in (verifying the address, accepting an
 * invitation): the device is remembered, never alerted about.
 */
const enrolmentMethods: ReadonlySet<string> = new Set(['email_link', 'invitation']);

/** A browser or OS name as the alert shows it: read from a client-sent header, so bounded (it goes in the subject). */
const shown = (name: string | null, unknown: string) => (name ? name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 60) : unknown);

/** `2026-01-05 10:00 UTC`: the sign-in time as the alert shows it. */
const mailTime = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * New-device sign-in alerts. Each sign-in's device class (browser family, OS family, address
 * prefix; see `newDeviceAlerts`) is remembered per user as a hash. A sign-in from a class the user
 * has not signed in from within the look-back window is written to their activity as
 * `session.new_device` and emailed to them, at most once per class per `minAlertIntervalSeconds`.
 * Everything happens in the session's transaction, so a rolled-back sign-in leaves no trace.
 */
export class NewDeviceAlerts {
  constructor(private readonly s: Services) {}

  /**
   * Called when a session starts (`method` as in the `sign_in.succeeded` audit event). Returns
   * whether an alert was queued.
   */
  async sessionStarted(tx: Storage, user: UserRecord, ctx: RequestContext, method: string): Promise<boolean> {
    if (enrolmentMethods.has(method)) {
      await this.remember(tx, user.id, ctx);
      return false;
    }
    return this.signedIn(tx, user, ctx);
  }

  /** Remembers the request's device as known without alerting (sign-up, verification, invitation). */
  async remember(tx: Storage, userId: string, ctx: RequestContext): Promise<void> {
    const settings = this.s.config.newDeviceAlerts;
    if (!settings.enabled) return;
    await tx.knownDevices.recordSeen(userId, deviceHash(userId, deviceClassOf(ctx.userAgent, ctx.ip, settings)), this.s.clock.now());
  }

  /** A completed sign-in: alerts when its device class is new (or not seen within the window). */
  private async signedIn(tx: Storage, user: UserRecord, ctx: RequestContext): Promise<boolean> {
    const settings = this.s.config.newDeviceAlerts;
    if (!settings.enabled) return false;
    const now = this.s.clock.now();
    const device = deviceClassOf(ctx.userAgent, ctx.ip, settings);
    const hash = deviceHash(user.id, device);
    const known = await tx.knownDevices.find(user.id, hash);
    if (known && now.getTime() - known.lastSeenAt.getTime() < settings.lookbackDays * day) {
      await tx.knownDevices.recordSeen(user.id, hash, now);
      return false;
    }
    // A user with no device on record was never tracked (an account from before these alerts, or
    // one an administrator made): the first sign-in sets the baseline instead of alarming.
    if (!known && !(await tx.knownDevices.hasAny(user.id))) {
      await tx.knownDevices.recordSeen(user.id, hash, now);
      return false;
    }
    const due = !known?.lastAlertedAt || now.getTime() - known.lastAlertedAt.getTime() >= settings.minAlertIntervalSeconds * 1000;
    await tx.knownDevices.recordSeen(user.id, hash, now, due ? now : undefined);
    const named = describeUserAgent(ctx.userAgent);
    await recordAudit(tx, this.s.clock, {
      type: 'session.new_device', userId: user.id,
      detail: { browser: named.browser, os: named.os, network: device.network, alerted: due },
    }, ctx);
    if (!due) return false;
    const settingsUrl = pageUrl(this.s.config, 'settings');
    const secureUrl = new URL(settingsUrl);
    secureUrl.hash = 'secure-account';
    await this.s.outbox.enqueue(tx, user.email, 'newDeviceSignIn', {
      name: user.displayName,
      browser: shown(named.browser, 'an unknown browser'),
      os: shown(named.os, 'an unknown system'),
      ip: ctx.ip ?? 'unknown',
      time: mailTime(now),
      lookbackDays: settings.lookbackDays,
      settingsUrl,
      secureUrl: secureUrl.toString(),
    }, ctx);
    return true;
  }

  /** Forgets device classes older than the window, keeping each user's latest (housekeeping). */
  async cleanup(): Promise<number> {
    const { lookbackDays } = this.s.config.newDeviceAlerts;
    return this.s.storage.knownDevices.deleteStale(new Date(this.s.clock.now().getTime() - lookbackDays * day));
  }
}
