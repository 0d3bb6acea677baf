import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

// React, hooks and jsx-a11y rules (labels, alt text, keyboard handlers) on top of the workspace's boundaries.
export default [...baseConfig, ...nx.configs['flat/react']];
