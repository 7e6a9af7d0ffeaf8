import { canaryAnalyzeInputs, canaryAnalyzeSecretInputs } from '../../actions/canary-analyze/src/inputs.js';
import { BOGUS_KUBECONFIG, hostileInputTable } from '../harness/hostile-table.js';
import { describeWithTools } from '../harness/tools.js';

// The direct provider hands namespace and selectors to kubectl: each hostile value must be refused before it runs.
describeWithTools(['kubectl'], 'canary-analyze: hostile namespaces and selectors', () => {
  hostileInputTable({
    action: 'actions/canary-analyze',
    inputs: {
      provider: 'direct',
      kubeconfig: BOGUS_KUBECONFIG,
      'baseline-selector': 'app=inventory,track=baseline',
      'canary-selector': 'app=inventory,track=canary',
      interval: '1s',
      iterations: '1',
    },
    hostile: ['namespace', 'baseline-selector', 'canary-selector'],
    shape: canaryAnalyzeInputs,
    secret: canaryAnalyzeSecretInputs,
  });
});
