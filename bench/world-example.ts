export { main } from '../examples/replicated-counter/fixed.js';
