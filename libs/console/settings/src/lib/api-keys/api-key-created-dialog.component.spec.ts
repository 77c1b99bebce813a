import { Clipboard } from '@angular/cdk/clipboard';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { makeApiKey } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { ApiKeyCreatedDialog } from './api-key-created-dialog.component';

describe('ApiKeyCreatedDialog', () => {
  let fixture: ComponentFixture<ApiKeyCreatedDialog>;
  const copied: string[] = [];

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideConsoleIcons(),
        { provide: MAT_DIALOG_DATA, useValue: { ...makeApiKey({ name: 'CI pipeline' }), key: 'atl_0123456789abcdef' } },
        { provide: Clipboard, useValue: { copy: (text: string) => copied.push(text) > 0 } },
      ],
    });
    fixture = TestBed.createComponent(ApiKeyCreatedDialog);
    fixture.detectChanges();
  });

  it("shows the key with a warning that it won't be shown again, and copies it", async () => {
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="api-key-secret"]')?.textContent).toBe('atl_0123456789abcdef');
    expect(el.textContent).toContain("You won't see it again");
    const copy = el.querySelector<HTMLButtonElement>('[data-testid="api-key-copy"]')!;
    copy.click();
    await fixture.whenStable();
    expect(copied).toEqual(['atl_0123456789abcdef']);
    expect(copy.textContent?.trim()).toBe('Copied');
  });
});
