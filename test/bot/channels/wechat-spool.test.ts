import fs from 'node:fs';
import path from 'node:path';
import { types } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechat, type RunningWechat } from '../../../src/bot/channels/wechat.ts';
import type { WechatConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { startLinliBehindProxies, type LinliBehindProxies } from '../../support/outage.ts';
import { until } from '../../support/until.ts';

/**
 * WeChat hands a message over once. Messages that come while the database is away are kept in a
 * spool in the data folder, even across a restart of Linli, and stored and answered once it is back.
 */
class RecordingPuppet extends PuppetMock {
  readonly said: { to: string; text: string }[] = [];
  override async messageSendText(conversationId: string, text: string): Promise<void> {
    this.said.push({ to: conversationId, text });
    await super.messageSendText(conversationId, text);
  }
}

const config: WechatConfig = { puppet: 'wechaty-puppet-mock', token: undefined, sendGapMs: 50, sendJitterMs: 10, dailyCap: 500 };
let world: LinliBehindProxies;
beforeAll(async () => {
  world = await startLinliBehindProxies();
});
afterAll(async () => {
  await world?.close();
});

async function loggedIn(): Promise<{ wechat: RunningWechat; mocker: mock.Mocker; puppet: RecordingPuppet; wang: mock.ContactMock }> {
  const mocker = new mock.Mocker();
  const puppet = new RecordingPuppet({ mocker });
  const log = createLogger({ level: 'info', file: path.join(world.config.dataDir, 'wechat.log') });
  const wechat = await startWechat(world.linli.deps, config, log, { puppet, dataDir: world.config.dataDir, print: () => undefined });
  const botUser = mocker.createContact({ id: 'wxid_linli', name: '邻里小助手' });
  const wang = mocker.createContact({ id: 'wxid_wang', name: '王芳' });
  mocker.login(botUser);
  await until(() => wechat.bot.isLoggedIn);
  return { wechat, mocker, puppet, wang };
}

const spooled = () => fs.readdirSync(path.join(world.config.dataDir, 'wechat-spool')).filter((name) => name.endsWith('.msg'));

describe('WeChat messages that arrive while the database is away', () => {
  it('wait in the spool, survive a restart, and are stored and answered once when it is back', async () => {
    const first = await loggedIn();
    world.database.cut();
    for (let k = 1; k <= 3; k += 1) {
      const id = `wx-outage-${k}`;
      first.mocker.MessageMock.create({ id, talkerId: first.wang.id, listenerId: 'wxid_linli', timestamp: Date.now(), type: types.Message.Text, text: '/help' });
      first.puppet.emit('message', { messageId: id });
    }
    await until(() => spooled().length === 3, 30_000);
    // Nothing on disk is readable without the key: the spool may hold ID numbers.
    for (const name of spooled()) expect(fs.readFileSync(path.join(world.config.dataDir, 'wechat-spool', name), 'utf8')).not.toContain('/help');
    await first.wechat.stop();
    expect(spooled()).toHaveLength(3);

    world.database.restore();
    const second = await loggedIn();
    try {
      await until(async () => {
        const rows = await world.linli.deps.db
          .query<{ stored: number; open: number }>(
            `SELECT (SELECT count(*) FROM inbound_messages WHERE platform = 'wechat' AND platform_message_id LIKE '%wx-outage-%')::int AS stored,
                    (SELECT count(*) FROM inbound_messages WHERE status = 'pending')::int
                  + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))::int AS open`,
          )
          .catch(() => []);
        return rows[0]?.stored === 3 && rows[0].open === 0;
      }, 90_000);
      expect(spooled()).toHaveLength(0);
      const helps = second.puppet.said.filter((said) => said.to === 'wxid_wang');
      expect(helps).toHaveLength(3);
      expect(first.puppet.said).toHaveLength(0);
    } finally {
      await second.wechat.stop();
    }
  }, 180_000);
});
