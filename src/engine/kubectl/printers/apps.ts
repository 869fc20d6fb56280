// Printers for apps/v1 kinds (printers.go v1.32): Deployment, ReplicaSet, StatefulSet.
import { since } from '../duration';
import { containerCells, formatLabelSelector, num, rec, spec, status } from './helpers';
import { AGE_COL, NAME_COL, col, registerPrinter } from './table';

const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);

registerPrinter('Deployment', {
  columns: [
    NAME_COL,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    col('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
  ],
  row: (d, o) => {
    const sp = spec(d);
    const st = status(d);
    const [names, images] = containerCells(rec(sp.template).spec);
    return [
      d.metadata.name,
      `${num(st.readyReplicas)}/${num(sp.replicas)}`,
      num(st.updatedReplicas),
      num(st.availableReplicas),
      since(d.metadata.creationTimestamp, o.now),
      names,
      images,
      formatLabelSelector(sp.selector),
    ];
  },
});

registerPrinter('ReplicaSet', {
  columns: [
    NAME_COL,
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    col('Selector', 'string', 'Selector is a label query over pods that should match the replica count.', 1),
  ],
  row: (rs, o) => {
    const sp = spec(rs);
    const st = status(rs);
    const [names, images] = containerCells(rec(sp.template).spec);
    return [
      rs.metadata.name,
      num(sp.replicas),
      num(st.replicas),
      num(st.readyReplicas),
      since(rs.metadata.creationTimestamp, o.now),
      names,
      images,
      formatLabelSelector(sp.selector),
    ];
  },
});

registerPrinter('StatefulSet', {
  columns: [NAME_COL, col('Ready', 'string', 'Number of the pod with ready state'), AGE_COL, CONTAINERS, IMAGES],
  row: (s, o) => {
    const sp = spec(s);
    const [names, images] = containerCells(rec(sp.template).spec);
    return [s.metadata.name, `${num(status(s).readyReplicas)}/${num(sp.replicas)}`, since(s.metadata.creationTimestamp, o.now), names, images];
  },
});
