// The `neuron-ts/plot` module: `import { plotly, cm, plt } from "neuron-ts/plot"`. PROVISIONAL: issue 5.
export {};
