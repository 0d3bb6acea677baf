import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TreeNode } from '../api/directory';
import { unitName } from './unit-name';

const EXPANDED_KEY = 'hailong.directory.expanded';

function loadExpanded(roots: readonly TreeNode[]): Set<string> {
  const saved = globalThis.sessionStorage?.getItem(EXPANDED_KEY);
  if (saved) {
    try {
      return new Set(JSON.parse(saved) as string[]);
    } catch {
      // fall through to the default
    }
  }
  return new Set(roots.map((r) => r.unitId));
}

function allWithChildren(nodes: readonly TreeNode[], into: string[] = []): string[] {
  for (const node of nodes) {
    if (node.children.length) {
      into.push(node.unitId);
      allWithChildren(node.children, into);
    }
  }
  return into;
}

/**
 * The hierarchy as nested lists with a disclosure button per unit that has units below it: native
 * buttons and links, so Tab, Enter and Space work and screen readers announce "expanded"/"collapsed".
 * What is open is kept for the tab, so coming back from a unit's page finds the tree as it was left.
 */
export function UnitTree({ roots, on }: { roots: readonly TreeNode[]; on: string }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<Set<string>>(() => loadExpanded(roots));
  const update = (next: Set<string>) => {
    setExpanded(next);
    globalThis.sessionStorage?.setItem(EXPANDED_KEY, JSON.stringify([...next]));
  };
  const toggle = (unitId: string) => {
    const next = new Set(expanded);
    if (next.has(unitId)) next.delete(unitId);
    else next.add(unitId);
    update(next);
  };
  return (
    <div className="tree">
      <div className="tree__tools">
        <button type="button" className="button button--small" onClick={() => update(new Set(allWithChildren(roots)))}>
          {t('directory.expandAll')}
        </button>
        <button type="button" className="button button--small" onClick={() => update(new Set())}>
          {t('directory.collapseAll')}
        </button>
      </div>
      <ul className="tree__level">
        {roots.map((node) => (
          <TreeItem key={node.unitId} node={node} on={on} expanded={expanded} toggle={toggle} />
        ))}
      </ul>
    </div>
  );
}

function TreeItem({
  node,
  on,
  expanded,
  toggle,
}: {
  node: TreeNode;
  on: string;
  expanded: ReadonlySet<string>;
  toggle: (unitId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = unitName(node, i18n.language);
  const open = expanded.has(node.unitId);
  const childrenId = `tree-children-${node.unitId}`;
  const count = node.children.length;
  return (
    <li className="tree__item">
      <div className="tree__row">
        {count ? (
          <button
            type="button"
            className="tree__toggle"
            aria-expanded={open}
            aria-controls={childrenId}
            aria-label={t('directory.childrenOf', { name })}
            onClick={() => toggle(node.unitId)}
          >
            <span aria-hidden="true">{open ? '−' : '+'}</span>
          </button>
        ) : (
          <span className="tree__spacer" aria-hidden="true" />
        )}
        <span className="tree__label">
          <Link to={`/units/${node.unitId}?on=${on}`} className="tree__link">
            {name}
          </Link>
          <span className="tree__meta">
            {node.code} · {t(`unitTypes.${node.unitType}`)}
            {count ? ` · ${t('directory.childCount', { count })}` : ''}
          </span>
        </span>
      </div>
      {count ? (
        <ul id={childrenId} className="tree__level" hidden={!open}>
          {open
            ? node.children.map((child) => <TreeItem key={child.unitId} node={child} on={on} expanded={expanded} toggle={toggle} />)
            : null}
        </ul>
      ) : null}
    </li>
  );
}
