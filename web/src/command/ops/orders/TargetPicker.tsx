import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOfCode } from '../../../../../src/domain/places.js';
import { paths, type PlaceAnswer } from '../../commandApi.js';
import { fetchCached } from '../../useApi.js';

interface Node {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

const nodesOf = (place: PlaceAnswer): Node[] =>
  place.children
    .filter((c) => c.level === 'township' || c.level === 'village')
    .map((c) => ({
      value: c.code,
      title: 'shortName' in c ? c.shortName : c.name,
      isLeaf: c.level === 'village',
    }));

function withChildren(nodes: Node[], code: string, children: Node[]): Node[] {
  return nodes.map((n) =>
    n.value === code
      ? { ...n, children }
      : n.children
        ? { ...n, children: withChildren(n.children, code, children) }
        : n,
  );
}

/**
 * The units an order goes to, ticked in the places tree under the issuer: its townships, and a
 * township's villages once it is opened (read then, not before: a county has hundreds). Each
 * tick is one unit — ticking a township sends the order to the township, not to its villages.
 */
export function TargetPicker({
  id,
  root,
  value,
  onChange,
}: {
  id: string;
  /** The issuer's unit: its townships (or villages) are the first level of the tree. */
  root: string;
  value: string[];
  onChange: (codes: string[]) => void;
}) {
  const { t } = useTranslation('ops');
  const [tree, setTree] = useState<Node[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    let live = true;
    fetchCached<PlaceAnswer>(paths.place(root)).then(
      (p) => live && setTree(nodesOf(p)),
      () => live && setTree([]),
    );
    return () => {
      live = false;
    };
  }, [root]);

  useEffect(() => {
    const all = new Map<string, string>();
    const walk = (nodes: Node[]) =>
      nodes.forEach((n) => {
        all.set(n.value, n.title);
        if (n.children) walk(n.children);
      });
    walk(tree);
    setNames(all);
  }, [tree]);

  const loadData = async (node: { value?: string | number }) => {
    const code = String(node.value ?? '');
    if (levelOfCode(code) !== 'township') return;
    const place = await fetchCached<PlaceAnswer>(paths.place(code));
    setTree((nodes) => withChildren(nodes, code, nodesOf(place)));
  };

  return (
    <>
      <TreeSelect
        id={id}
        treeCheckable
        treeCheckStrictly
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeData={tree}
        loadData={loadData}
        value={value.map((v) => ({ value: v, label: names.get(v) ?? v }))}
        onChange={(picked: { value: string | number }[]) => onChange(picked.map((p) => String(p.value)))}
        aria-describedby={`${id}-hint`}
        style={{ width: '100%' }}
        maxTagCount={12}
        data-testid="order-targets"
      />
      <span className="gv-note" id={`${id}-hint`}>
        {t('issue.targetsHint')}
      </span>
    </>
  );
}
