import { helmBinary } from '../src/helm/helm';

/** Makes sure a helm binary exists (installs the pinned one into .tools/ once) before the tests run. */
export default function setup(): void {
  helmBinary();
}
