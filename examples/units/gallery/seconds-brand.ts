// Wrong: a helper declared to return seconds. neuron-ts holds every time in ms (NEURON's unit),
// so the brand must say ms; and its argument is given a length.
import { type Quantity, um } from "neuron-ts/units";

function settle(repeats: Quantity<"ms">): Quantity<"s"> {
  return repeats * 2;
}
console.log(settle(3 * um));
