import { describe, expect, it } from 'vitest';
import { describeRequest, formatCountdown } from '../../src/approval/render.js';
import { request } from './fixtures/requests.js';

describe('describeRequest', () => {
  it('escapes control characters so a command cannot redraw the prompt', () => {
    const lines = describeRequest(request('echo ok\x1b[2K\rrm -rf ~', 1000));
    expect(lines[0]).toBe('command : echo ok\\x1b[2K\\x0drm -rf ~');
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds left, rounding up, and never below zero', () => {
    expect([formatCountdown(300_000), formatCountdown(59_001), formatCountdown(1), formatCountdown(-5)]).toEqual(['5:00', '1:00', '0:01', '0:00']);
  });
});
