import { rollbackInputs, rollbackSecretInputs } from '../../actions/rollback/src/inputs.js';
import { describeWithTools } from '../harness/tools.js';
import { BOGUS_KUBECONFIG, hostileInputTable } from '../harness/hostile-table.js';

// No cluster needed: every value here must be refused before kubectl runs.
describeWithTools(['kubectl'], 'rollback: hostile names and namespaces', () => {
  hostileInputTable({
    action: 'actions/rollback',
    inputs: { deployment: 'inventory-service', kubeconfig: BOGUS_KUBECONFIG },
    hostile: ['deployment', 'namespace'],
    shape: rollbackInputs,
    secret: rollbackSecretInputs,
  });
});
