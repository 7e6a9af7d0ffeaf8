import { expect, it } from 'vitest';
import { BOGUS_KUBECONFIG } from '../harness/hostile-table.js';
import { carries } from '../harness/hostile.js';
import { recordTools } from '../harness/recording-tools.js';
import { errorMessages, runBundle } from '../harness/run-bundle.js';
import { describeWithTools } from '../harness/tools.js';
import { OVERLAY } from '../k8s-deploy/steps.js';

// No cluster needed: each run must be refused before kubectl runs.
describeWithTools(['kubectl'], 'progressive-canary: canary-header', () => {
  const refused = async (inputs: Record<string, string>) => {
    const tools = await recordTools(['kubectl']);
    const run = await runBundle({
      action: 'actions/progressive-canary',
      inputs: { manifests: OVERLAY, kubeconfig: BOGUS_KUBECONFIG, ...inputs },
      env: { PATH: tools.path },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(1);
    return { error: errorMessages(run).join('\n'), calls: await tools.calls() };
  };

  it('without traffic-router gateway-api is refused naming the input, before any kubectl call', async () => {
    const { error, calls } = await refused({ 'canary-header': 'x-canary: always' });
    expect(error).toMatch(/Input "canary-header" needs traffic-router gateway-api.*Nothing was changed/);
    expect(calls).toEqual([]);
  });

  it.each(['-n kube-system', '<img src=x onerror=alert(1)>', 'x-canary: a\u0007b', '$(id)'])(
    '%j is an input error naming the input, and no kubectl call carries it',
    async (value) => {
      const { error, calls } = await refused({ 'canary-header': value, 'traffic-router': 'gateway-api', 'http-route': 'inventory' });
      expect(error).toMatch(/Input "canary-header" has value .*expected a header name \(an RFC 9110 token/);
      expect(carries(calls, value)).toBe(false);
    },
  );
});
