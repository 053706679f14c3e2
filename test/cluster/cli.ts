/** npm run cluster:up | cluster:down | cluster:status [-- --second] */
import { down, PRIMARY_CLUSTER, SECOND_CLUSTER, status, up } from './cluster';
import { kubeconfigPath } from './paths';

const [cmd, ...flags] = process.argv.slice(2);
const specs = flags.includes('--both')
  ? [PRIMARY_CLUSTER, SECOND_CLUSTER]
  : flags.includes('--second')
  ? [SECOND_CLUSTER]
  : [PRIMARY_CLUSTER];

async function main() {
  for (const spec of specs) {
    if (cmd === 'up') {
      const t0 = Date.now();
      const c = await up(spec);
      console.log(
        `${c.name}: ${c.server}  (kubectl --kubeconfig ${kubeconfigPath} --context ${c.context})  ` +
          `ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`
      );
      c.kube.close();
    } else if (cmd === 'down') {
      down(spec);
      console.log(`${spec.name}: stopped`);
    } else if (cmd === 'status') {
      console.log(JSON.stringify(await status(spec)));
    } else {
      console.error('usage: cli.ts up|down|status [--second|--both]');
      process.exit(2);
    }
  }
}

main().catch(e => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
