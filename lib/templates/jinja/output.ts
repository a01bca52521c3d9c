import { TemplateFailure } from './errors';

/** Collects rendered text and stops the render once it grows past the output budget. */
export class Output {
  private readonly parts: string[] = [];
  private length = 0;
  constructor(private readonly limit: number) {}

  write(text: string): void {
    if (text === '') return;
    this.length += text.length;
    if (this.length > this.limit) throw new TemplateFailure('template.error.tooLong', { limit: this.limit });
    this.parts.push(text);
  }

  text(): string {
    return this.parts.join('');
  }
}
