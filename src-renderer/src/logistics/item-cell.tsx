// The first cell of a truck's line: what people call the item (a client code, a SKU) in bold, its
// name under it, and what the table adds after the name.
import type { ReactNode } from 'react';

export function ItemCell(props: { code: string; name: string; children?: ReactNode }): React.JSX.Element {
  return (
    <td>
      <span className="line-sku">{props.code}</span>
      <span className="line-name" title={props.name}>
        {props.name}
      </span>
      {props.children}
    </td>
  );
}
