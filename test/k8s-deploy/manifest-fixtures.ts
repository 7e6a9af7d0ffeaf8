import { parseManifests } from '../../actions/lib/deploy/manifests.js';
import type { KubeObject } from '../../actions/lib/kubernetes/objects.js';

export const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: inventory-service
  labels: {app.kubernetes.io/name: inventory-service}
spec:
  replicas: 4
  selector:
    matchLabels: {app.kubernetes.io/name: inventory-service}
  template:
    metadata:
      labels: {app.kubernetes.io/name: inventory-service}
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/shop/inventory-service:1.0.0
      containers:
        - name: inventory
          image: registry.example.com/shop/inventory-service:1.0.0
        - name: proxy
          image: envoyproxy/envoy:v1.30.1
`;

export const SERVICE = `
apiVersion: v1
kind: Service
metadata: {name: inventory-service}
spec:
  selector: {app.kubernetes.io/name: inventory-service}
  ports: [{port: 80, targetPort: 8080}]
`;

export function deployment(): KubeObject {
  return parseManifests([{ origin: 'deployment.yaml', text: DEPLOYMENT }])[0]!;
}
