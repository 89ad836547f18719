# yichuang: one image for the API and the workers (CPU only; the PP-OCR models ship in the rapidocr wheel).
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir -c constraints.txt ".[all]"
ENV YICHUANG_HOME=/data
EXPOSE 8000
CMD ["yichuang", "serve", "--host", "0.0.0.0", "--port", "8000"]
