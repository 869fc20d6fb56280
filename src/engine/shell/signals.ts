// Control-flow signals thrown through the interpreter: `exit N`, and "this process blocks forever".
export class ExitSignal {
  constructor(readonly code: number) {}
}
export class BlockSignal {}
